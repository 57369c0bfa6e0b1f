package kr.compliance.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottlePropertiesTests {

    @Test
    void eachLockLastsTwiceTheOneBeforeUpToTheLongest() {
        var properties = new LoginThrottleProperties(
                5, 20, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1));
        assertThat(properties.lockFor(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.lockFor(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(properties.lockFor(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(properties.lockFor(7)).isEqualTo(Duration.ofHours(1));
        assertThat(properties.lockFor(1000)).isEqualTo(Duration.ofHours(1));
    }
}
