package cn.np700.portal.security;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Redirects stay on this site: the filter runs before everything else, Spring Security's chains included. */
@Configuration(proxyBeanMethods = false)
class RedirectConfiguration {

    @Bean
    FilterRegistrationBean<RelativeRedirects> relativeRedirects() {
        FilterRegistrationBean<RelativeRedirects> registration = new FilterRegistrationBean<>(new RelativeRedirects());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
