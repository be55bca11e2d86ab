package cn.np700.portal.scope;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A tenant id never travels as a bare number: no parameter, record component or accessor named for a tenant is a
 * {@code long}, a {@code Long} or a collection or optional of them. It is a {@link TenantId} or a {@link Scope}.
 */
class TenantIdsTravelTypedTests {

    private static final Pattern TENANT_NAME = Pattern.compile("(?i).*tenant(id|ids|scope)?$");

    @Test
    void noTenantIdTravelsAsABareNumber() {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (JavaClass type : mainClasses()) {
            violations.addAll(bareTenantIds(type.reflect()));
            checked++;
        }
        assertThat(checked).as("main classes checked").isGreaterThan(500);
        assertThat(violations).as("tenant ids travelling as bare numbers").isEmpty();
    }

    @Test
    void theCheckFindsAPlantedBareTenantId() {
        String planted = "TenantIdsTravelTypedTests.Planted";
        assertThat(bareTenantIds(Planted.class)).containsExactlyInAnyOrder(
                planted + " component tenantId: java.lang.Long",
                planted + ".find parameter tenantScope: long",
                planted + ".all parameter tenantIds: java.util.List<java.lang.Long>");
        assertThat(bareTenantIds(PlantedAccessor.class))
                .containsExactly("TenantIdsTravelTypedTests.PlantedAccessor.tenantId() returns java.lang.Long");
        assertThat(bareTenantIds(Typed.class)).isEmpty();
    }

    @Test
    void parameterNamesAreCompiledIn() throws NoSuchMethodException {
        Parameter parameter = Planted.class.getDeclaredMethod("find", long.class).getParameters()[0];
        assertThat(parameter.isNamePresent()).as("compiled with -parameters, else every name reads arg0").isTrue();
    }

    static List<String> bareTenantIds(Class<?> type) {
        List<String> found = new ArrayList<>();
        String name = type.getName().substring(type.getName().lastIndexOf('.') + 1).replace('$', '.');
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (TENANT_NAME.matcher(component.getName()).matches() && bare(component.getGenericType())) {
                    found.add(name + " component " + component.getName() + ": " + component.getGenericType().getTypeName());
                }
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.isSynthetic() || method.isBridge()) {
                continue;
            }
            boolean recordAccessor = type.isRecord() && method.getParameterCount() == 0
                    && Stream.of(type.getRecordComponents()).anyMatch(c -> c.getName().equals(method.getName()));
            if (!recordAccessor && method.getParameterCount() == 0 && TENANT_NAME.matcher(method.getName()).matches()
                    && bare(method.getGenericReturnType())) {
                found.add(name + "." + method.getName() + "() returns " + method.getGenericReturnType().getTypeName());
            }
            parameters(name + "." + method.getName(), method, found);
        }
        if (!type.isRecord()) {
            Stream.of(type.getDeclaredConstructors()).forEach(c -> parameters(name + ".<init>", c, found));
        }
        return found;
    }

    private static void parameters(String where, Executable executable, List<String> found) {
        if (executable.isSynthetic()) {
            return;
        }
        for (Parameter parameter : executable.getParameters()) {
            if (parameter.isNamePresent() && TENANT_NAME.matcher(parameter.getName()).matches()
                    && bare(parameter.getParameterizedType())) {
                found.add(where + " parameter " + parameter.getName() + ": "
                        + parameter.getParameterizedType().getTypeName());
            }
        }
    }

    private static boolean bare(Type type) {
        if (type == long.class || type == Long.class || type == OptionalLong.class || type == long[].class) {
            return true;
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
                && (Optional.class.isAssignableFrom(raw) || Collection.class.isAssignableFrom(raw))) {
            return Stream.of(generic.getActualTypeArguments()).anyMatch(TenantIdsTravelTypedTests::bare);
        }
        return false;
    }

    static Iterable<JavaClass> mainClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.np700.portal");
    }

    record Planted(Long tenantId, String name) {
        static Planted find(long tenantScope) {
            return null;
        }

        static List<Planted> all(List<Long> tenantIds) {
            return List.of();
        }
    }

    interface PlantedAccessor {
        Long tenantId();
    }

    record Typed(TenantId tenantId, Optional<TenantId> tenant) {
        static Typed find(Scope scope, TenantId tenantId, long bindingId) {
            return null;
        }
    }
}
