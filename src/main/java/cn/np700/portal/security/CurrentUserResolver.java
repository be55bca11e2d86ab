package cn.np700.portal.security;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.tenancy.CurrentUser;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a controller declare a {@link CurrentUser}, a {@link Scope} or a {@link Scope.Tenant} parameter; each always
 * comes from the session, never the request. An operator asking for a page that takes a tenant's scope is refused.
 */
@Component
class CurrentUserResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    static CurrentUser current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof PortalUserDetails details) {
            return details.currentUser();
        }
        return null;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == CurrentUser.class || type == Scope.class || type == Scope.Tenant.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
            WebDataBinderFactory binders) {
        CurrentUser user = current();
        if (user == null) {
            throw new InsufficientAuthenticationException("sign in first");
        }
        Class<?> type = parameter.getParameterType();
        if (type == CurrentUser.class) {
            return user;
        }
        Scope scope = user.scope();
        if (type == Scope.Tenant.class && !(scope instanceof Scope.Tenant)) {
            throw new AccessDeniedException(user.username() + " holds no tenant's scope");
        }
        return scope;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
