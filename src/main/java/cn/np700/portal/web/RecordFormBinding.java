package cn.np700.portal.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.ModelFactory;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletModelAttributeMethodProcessor;

/**
 * Forms and list filters bind to records through their constructor. When a value cannot be converted (a
 * {@code Long} filter given {@code abc}), Spring records the error, hands the handler a record without that value
 * and puts no record at all (null) in the model under the form's name, on which the page then failed. Here such a
 * binding raises a {@link BindException} naming the fields instead, before the handler runs, and
 * {@link BadInputPages} answers 400.
 */
@Component
class RecordFormBinding implements SmartInitializingSingleton {

    private final ObjectProvider<RequestMappingHandlerAdapter> adapters;

    RecordFormBinding(ObjectProvider<RequestMappingHandlerAdapter> adapters) {
        this.adapters = adapters;
    }

    /** Once the adapter has set up its resolvers, the form resolvers among them are wrapped. */
    @Override
    public void afterSingletonsInstantiated() {
        adapters.forEach(adapter -> {
            List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
            for (HandlerMethodArgumentResolver resolver : adapter.getArgumentResolvers()) {
                resolvers.add(resolver instanceof ServletModelAttributeMethodProcessor forms ? new Refusing(forms) : resolver);
            }
            adapter.setArgumentResolvers(resolvers);
        });
    }

    private record Refusing(ServletModelAttributeMethodProcessor delegate) implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return delegate.supportsParameter(parameter);
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                WebDataBinderFactory binders) throws Exception {
            Object value = delegate.resolveArgument(parameter, mav, request, binders);
            Object result = mav.getModel().get(BindingResult.MODEL_KEY_PREFIX + ModelFactory.getNameForParameter(parameter));
            if (parameter.getParameterType().isRecord() && result instanceof BindingResult errors
                    && errors.getTarget() == null && errors.hasErrors()) {
                throw new BindException(errors);
            }
            return value;
        }
    }
}
