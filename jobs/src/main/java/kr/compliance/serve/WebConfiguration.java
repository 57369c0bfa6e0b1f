package kr.compliance.serve;

import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet-level pieces of the web server. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebConfiguration {

    @Bean
    AccessLogWriter accessLogWriter(DSLContext dsl) {
        return new AccessLogWriter(dsl);
    }

    /**
     * Every request but static files and health probes: the API, page views, CSV exports and pack
     * downloads. Before Spring Security's filter (order -100), so refusals are recorded as well.
     */
    @Bean
    FilterRegistrationBean<AccessLogFilter> accessLogFilter(AccessLogWriter accessLog) {
        var registration = new FilterRegistrationBean<>(new AccessLogFilter(accessLog));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** After Boot's own Tomcat settings (order 0), whose error valve it replaces. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatRefusals(AccessLogWriter accessLog) {
        return factory -> TomcatRefusals.install(factory, accessLog);
    }
}
