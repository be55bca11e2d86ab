package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps docker/compose.yaml and docker/Dockerfile in step with application.yaml: the
 * portal is configured only through the placeholders application.yaml reads, so a
 * compose variable outside that set would be silently ignored.
 */
class ComposeFileTests {

    private static final Path COMPOSE = Path.of("docker/compose.yaml");

    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");

    private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");

    /** {@code ${NAME}} or {@code ${NAME:default}}: the name stops at ':' or '}'. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}\\s]+)");

    @Test
    void portalEnvironmentOnlyUsesVariablesApplicationYamlReads() throws IOException {
        Set<String> known = placeholderNames();
        assertThat(known).as("placeholders in %s", APPLICATION_YAML).isNotEmpty();

        Set<String> portalEnv = environmentKeys(service("portal").get("environment"));
        assertThat(portalEnv).as("environment of the portal service in %s", COMPOSE).isNotEmpty();

        for (String name : portalEnv) {
            assertThat(known)
                .withFailMessage("%s sets %s for the portal, but %s reads no such variable (it reads %s)", COMPOSE,
                        name, APPLICATION_YAML, known)
                .contains(name);
        }
    }

    @Test
    void portalDependsOnMysql84() throws IOException {
        Object dependsOn = service("portal").get("depends_on");
        if (dependsOn instanceof Map<?, ?> map) {
            // long form: mysql: { condition: service_healthy }
            assertThat(map.containsKey("mysql")).withFailMessage("portal does not depend on mysql: %s", map).isTrue();
            Object mysql = map.get("mysql");
            assertThat(mysql).as("portal depends_on mysql").isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) mysql).get("condition")).as("portal depends_on mysql condition")
                .isEqualTo("service_healthy");
        }
        else {
            // short form: [mysql]
            assertThat(dependsOn).as("portal depends_on").isInstanceOf(List.class);
            assertThat(((List<?>) dependsOn).contains("mysql")).withFailMessage("portal does not depend on mysql: %s",
                    dependsOn)
                .isTrue();
        }

        assertThat(service("mysql").get("image")).as("mysql image")
            .isInstanceOf(String.class)
            .asString()
            .startsWith("mysql:8.4");
    }

    @Test
    void finalDockerStageRunsAsNonRootOnJre21OrLater() throws IOException {
        List<String> lines = Files.readAllLines(DOCKERFILE)
            .stream()
            .map(String::trim)
            .filter((line) -> !line.isEmpty() && !line.startsWith("#"))
            .toList();

        int lastFrom = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (instruction(lines.get(i)).equals("FROM")) {
                lastFrom = i;
            }
        }
        assertThat(lastFrom).withFailMessage("%s has no FROM line", DOCKERFILE).isNotNegative();

        String from = lines.get(lastFrom);
        assertThat(from.toLowerCase(Locale.ROOT)).as("final stage of %s", DOCKERFILE).contains("jre");
        // the tag's leading number: eclipse-temurin:21-jre -> 21
        Matcher version = Pattern.compile(":(\\d+)").matcher(from.split("\\s+")[1]);
        assertThat(version.find()).withFailMessage("no Java version in the final stage image: %s", from).isTrue();
        assertThat(Integer.parseInt(version.group(1))).as("Java version of %s", from).isGreaterThanOrEqualTo(21);

        String user = null;
        for (String line : lines.subList(lastFrom + 1, lines.size())) {
            if (instruction(line).equals("USER")) {
                user = line.substring(4).trim();
            }
        }
        assertThat(user).withFailMessage("the final stage of %s has no USER line, so it runs as root", DOCKERFILE)
            .isNotNull();
        String name = user.split(":")[0];
        assertThat(name).as("USER of the final stage of %s", DOCKERFILE).isNotIn("root", "0", "");
    }

    private static String instruction(String line) {
        return line.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    }

    private static Set<String> placeholderNames() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(APPLICATION_YAML));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Keys of a compose environment in map form or list ("KEY=value" / "KEY") form. */
    private static Set<String> environmentKeys(Object environment) {
        Set<String> keys = new LinkedHashSet<>();
        if (environment instanceof Map<?, ?> map) {
            map.keySet().forEach((key) -> keys.add(String.valueOf(key)));
        }
        else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                keys.add((equals < 0) ? text.trim() : text.substring(0, equals).trim());
            }
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            compose = new Yaml().load(reader);
        }
        assertThat(compose).as("%s", COMPOSE).isNotNull().containsKey("services");
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).as("services in %s", COMPOSE).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

}
