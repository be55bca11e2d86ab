package cn.np700.portal.fuzz;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPattern;
import tools.jackson.databind.ObjectReader;

/**
 * One handler method's path and HTTP method, with the inputs it reads, as the controller declares them: request
 * parameters, path variables, the components of a form record and the fields of a JSON body record (a
 * {@code @RequestBody}, or what a handler that takes the request itself reads with {@code JsonBodies}: the record of
 * its controller's {@link ObjectReader}).
 */
record Endpoint(String method, String path, String handler, List<Input> params, List<Input> pathVariables,
        List<Input> bodyFields, boolean json, boolean multipart) {

    /** A named input and the type the handler converts it to. */
    record Input(String name, Class<?> type) {
    }

    private static final Set<String> SIMPLE = Set.of("java.lang", "java.time", "java.math");

    static List<Endpoint> of(RequestMappingInfo info, HandlerMethod handler) {
        List<Input> params = new ArrayList<>();
        List<Input> pathVariables = new ArrayList<>();
        List<Input> body = new ArrayList<>();
        boolean multipart = false;
        for (MethodParameter p : handler.getMethodParameters()) {
            Parameter parameter = p.getParameter();
            Class<?> type = p.getParameterType();
            if (p.hasParameterAnnotation(PathVariable.class)) {
                pathVariables.add(new Input(name(p.getParameterAnnotation(PathVariable.class).name() + p.getParameterAnnotation(PathVariable.class).value(), parameter), type));
            } else if (p.hasParameterAnnotation(RequestBody.class)) {
                body.addAll(components(type));
            } else if (HttpServletRequest.class.equals(type)) {
                body.addAll(components(readBody(handler.getBean())));
            } else if (MultipartFile.class.equals(type)) {
                multipart = true;
                params.add(new Input(name(p.getParameterAnnotation(RequestParam.class).name() + p.getParameterAnnotation(RequestParam.class).value(), parameter), type));
            } else if (p.hasParameterAnnotation(RequestParam.class)) {
                if (!Map.class.isAssignableFrom(type)) {
                    params.add(new Input(name(p.getParameterAnnotation(RequestParam.class).name() + p.getParameterAnnotation(RequestParam.class).value(), parameter), type));
                }
            } else if (type.isRecord() && (p.hasParameterAnnotation(ModelAttribute.class) || isForm(type))) {
                params.addAll(components(type));
            } else if (isSimple(type) && !p.hasParameterAnnotation(ModelAttribute.class)) {
                params.add(new Input(parameter.getName(), type)); // an unannotated simple argument is a request parameter
            }
        }
        boolean json = !body.isEmpty() || info.getConsumesCondition().getConsumableMediaTypes().stream()
                .anyMatch(MediaType.APPLICATION_JSON::isCompatibleWith);
        Set<org.springframework.web.bind.annotation.RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> names = methods.isEmpty() ? List.of("GET", "POST") : methods.stream().map(Enum::name).toList();
        List<Endpoint> endpoints = new ArrayList<>();
        for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
            for (String method : names) {
                endpoints.add(new Endpoint(method, pattern.getPatternString(), handler.getShortLogMessage(),
                        List.copyOf(params), List.copyOf(pathVariables), List.copyOf(body), json, multipart));
            }
        }
        return endpoints;
    }

    boolean safe() {
        return method.equals("GET") || method.equals("HEAD");
    }

    private static String name(String declared, Parameter parameter) {
        return declared.isEmpty() ? parameter.getName() : declared;
    }

    /** Framework and principal arguments (Model, CurrentUser, ApiClient, HtmxRequest, ...) are not the client's input. */
    private static boolean isForm(Class<?> type) {
        return type.getSimpleName().endsWith("Form") || type.getSimpleName().endsWith("Filter")
                || type.getSimpleName().endsWith("Criteria") || type.getSimpleName().endsWith("Query");
    }

    private static boolean isSimple(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || (type.getPackageName() != null && SIMPLE.contains(type.getPackageName()));
    }

    /** The type the controller's one {@link ObjectReader} reads, or Object when it holds none or several. */
    private static Class<?> readBody(Object controller) {
        List<Class<?>> read = new ArrayList<>();
        for (Field field : controller.getClass().getDeclaredFields()) {
            if (ObjectReader.class.equals(field.getType())) {
                try {
                    field.setAccessible(true);
                    read.add(((ObjectReader) field.get(controller)).getValueType().getRawClass());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return read.size() == 1 ? read.get(0) : Object.class;
    }

    private static List<Input> components(Class<?> type) {
        if (!type.isRecord()) {
            return List.of();
        }
        List<Input> inputs = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            inputs.add(new Input(component.getName(), component.getType()));
        }
        return inputs;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
