package cn.np700.portal.web;

import cn.np700.portal.scope.TenantId;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page request whose parameters or form fields cannot be read as the types the handler takes (a filter {@code
 * block=abc}, a checkbox {@code enabled=abc}, a missing required field) answers 400 with the error page naming the
 * fields, in the user's language, instead of a server error; a tenant id in the path that no tenant can have answers
 * 404, as an unknown one does. The APIs answer problem details through {@link ApiErrors}, which is consulted first.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class BadInputPages {

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView typeMismatch(MethodArgumentTypeMismatchException e, Model model) {
        if (namesNoTenant(e)) {
            return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
        }
        return new ModelAndView(page(model, Set.of(e.getName())), HttpStatus.BAD_REQUEST);
    }

    /** A tenant id in the path that is a number no tenant can have (0, negative): unknown, as any id no tenant has. */
    private static boolean namesNoTenant(MethodArgumentTypeMismatchException e) {
        return e.getRequiredType() == TenantId.class && e.getParameter().hasParameterAnnotation(PathVariable.class)
                && e.getValue() instanceof String text && text.trim().matches("-?\\d{1,18}");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String missing(MissingServletRequestParameterException e, Model model) {
        return page(model, Set.of(e.getParameterName()));
    }

    @ExceptionHandler(BindException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String binding(BindException e, Model model) {
        Set<String> fields = new LinkedHashSet<>();
        for (FieldError error : e.getFieldErrors()) {
            fields.add(error.getField());
        }
        return page(model, fields);
    }

    @ExceptionHandler({ServletRequestBindingException.class, HandlerMethodValidationException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String other(Exception e, Model model) {
        return page(model, Set.of());
    }

    private static String page(Model model, Set<String> fields) {
        model.addAttribute("status", 400);
        model.addAttribute("badFields", fields.stream().map(BadInputPages::shorten).toList());
        return "error/400";
    }

    private static String shorten(String field) {
        return field.length() > 40 ? field.substring(0, 40) + "…" : field;
    }
}
