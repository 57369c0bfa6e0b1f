package kr.compliance.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CatalogueTests {

    @Test
    void everyControlTheScoreJobRunsHasItsTitlesAndNoOtherDoes() {
        assertThat(Catalogue.titlesEveryControl()).isTrue();
        assertThat(Catalogue.controlIds()).hasSize(17).startsWith("R1.1").endsWith("R6.3");
        assertThat(Catalogue.controlTitle("R2.3", "en")).isNotEqualTo("R2.3");
        assertThat(Catalogue.controlTitle("R2.3", "ko")).isNotEqualTo(Catalogue.controlTitle("R2.3", "en"));
    }
}
