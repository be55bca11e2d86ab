package cn.np700.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Chinese and English stay in step: same keys, no empty texts, and every literal key a template uses exists. */
class MessageBundlesTests {

    private static final Path RESOURCES = Path.of("src/main/resources");

    @Test
    void bothLanguagesHaveExactlyTheSameKeys() throws IOException {
        Set<String> zh = load("messages.properties").stringPropertyNames();
        Set<String> en = load("messages_en.properties").stringPropertyNames();
        assertThat(new TreeSet<>(en)).as("keys missing in English").containsAll(zh);
        assertThat(new TreeSet<>(zh)).as("keys missing in Chinese").containsAll(en);
    }

    @Test
    void noMessageIsEmptyAndChineseIsReallyChinese() throws IOException {
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        zh.forEach((key, value) -> assertThat(value.toString()).as("zh %s", key).isNotBlank());
        en.forEach((key, value) -> assertThat(value.toString()).as("en %s", key).isNotBlank());
        assertThat(zh.getProperty("login.submit")).isEqualTo("登录");
        assertThat(en.getProperty("login.submit")).isEqualTo("Sign in");
    }

    @Test
    void everyLiteralKeyInTheTemplatesExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        Pattern literal = Pattern.compile("#\\{([a-zA-Z][\\w.-]*)[}(]");
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = literal.matcher(Files.readString(file));
                while (m.find()) {
                    if (!keys.contains(m.group(1))) {
                        missing.add(file.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
