package cn.np700.portal.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.view.RedirectView;

/**
 * A {@code redirect:} view name is a URL, never a URI template: by default Spring expands {@code {name}} in it from
 * the model, so a filter value such as {@code {x}} or {@code ${7*7}} carried into a redirect failed with "Model has
 * no value for key". View resolvers initialise each redirect view as a bean, which passes it through here.
 */
@Component
class LiteralRedirects implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof RedirectView redirect) {
            redirect.setExpandUriTemplateVariables(false);
        }
        return bean;
    }
}
