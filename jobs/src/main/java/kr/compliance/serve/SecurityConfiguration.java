package kr.compliance.serve;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what, in one place: the API with HTTP Basic, the pages with a login form. Roles are
 * hierarchical (ADMIN &gt; OFFICER &gt; AUDITOR), so each rule names the lowest role that may.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Only this server's own scripts, styles, images and forms; no plugins, no framing, no base
     * rewriting. The templates carry no inline script or style, so none needs allowing.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'none'; " + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Role.ADMIN.name())
                .implies(Role.OFFICER.name())
                .role(Role.OFFICER.name())
                .implies(Role.AUDITOR.name())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.POST, "/api/periods/*/runs")
                        .hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/api/schedule/*/trigger")
                        .hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.POST, "/api/periods/*/submission")
                        .hasRole(Role.OFFICER.name())
                        .requestMatchers(HttpMethod.GET, "/api/access-log", "/api/access-log/**", "/api/lockouts")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/periods/**",
                                "/api/records/**",
                                "/api/schedule",
                                "/api/schedule/**",
                                "/api/runs/**")
                        .hasRole(Role.AUDITOR.name())
                        // anything else under /api is for no role: a new endpoint must be named above
                        .anyRequest()
                        .hasRole(Role.ADMIN.name()))
                .httpBasic(basic -> basic.authenticationEntryPoint(
                        (request, response, failure) -> writeError(response, 401, "authentication required")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(
                                (request, response, failure) -> writeError(response, 401, "authentication required"))
                        .accessDeniedHandler(
                                (request, response, denied) -> writeError(response, 403, "your role may not do this")))
                // a foreign page's POST is refused before its credentials are even checked or counted
                .addFilterBefore(new SameOriginFilter(), BasicAuthenticationFilter.class)
                .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .addFilterAfter(new AccessLogFilter.RememberUser(), BasicAuthenticationFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/login",
                                "/css/**",
                                "/js/**",
                                "/error",
                                "/v3/api-docs/**")
                        .permitAll()
                        .requestMatchers("/actuator/**", "/access-log")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest()
                        .hasRole(Role.AUDITOR.name()))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new AccessLogFilter.RememberUser(), BasicAuthenticationFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .httpBasic(basic -> {})
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }

    /** A request the firewall refuses (encoded slashes, {@code ..}): 400 as JSON, still logged. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> writeError(response, 400, "the request path is not allowed");
    }

    static void writeError(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"compliance\"");
        }
        JSON.writeValue(response.getOutputStream(), new ErrorBody(message, status));
    }
}
