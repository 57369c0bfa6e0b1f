package kr.compliance.serve;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Feeds Spring Security's outcome of every password check (HTTP Basic and the login form alike) to
 * the {@link LoginThrottle}. Listeners run in the request's thread, so a failure is counted before
 * its 401 is answered.
 */
@Component
class LoginEvents {

    private final LoginThrottle throttle;

    LoginEvents(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        throttle.failed(event.getAuthentication().getName(), address(event.getAuthentication()));
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        throttle.succeeded(event.getAuthentication().getName());
    }

    /** Both Basic and the form attach the request's details; without them the failure is still counted by name. */
    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                        && details.getRemoteAddress() != null
                ? details.getRemoteAddress()
                : "unknown";
    }
}
