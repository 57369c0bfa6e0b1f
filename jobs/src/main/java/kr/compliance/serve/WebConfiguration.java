package kr.compliance.serve;

import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet-level pieces of the web server. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebConfiguration {

    /** Before Spring Security's filter (order -100), so refusals are recorded as well. */
    @Bean
    FilterRegistrationBean<AccessLogFilter> accessLogFilter(DSLContext dsl) {
        var registration = new FilterRegistrationBean<>(new AccessLogFilter(dsl));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
