package cn.np700.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.support.PortalIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/** Each OpenAPI description is served without a key and names exactly the operations its API has. */
@PortalIntegrationTest
class ApiDescriptionTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @ParameterizedTest
    @CsvSource({"/api-docs/tenant-api.yaml, /api/v1/", "/api-docs/carrier-api.yaml, /api/carrier/v1/"})
    @SuppressWarnings("unchecked")
    void theDescriptionListsEveryOperationOfItsApiAndNoOther(String document, String prefix) throws Exception {
        String yaml = mvc.perform(get(document)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Map<String, Object> paths = (Map<String, Object>) new Yaml().<Map<String, Object>>load(yaml).get("paths");
        Set<String> described = new TreeSet<>();
        paths.forEach((path, operations) -> ((Map<String, Object>) operations).keySet().stream()
                .filter(key -> !key.equals("parameters"))
                .forEach(method -> described.add(method.toUpperCase() + " " + path)));

        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith(prefix))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> served.add(method.name() + " " + pattern))));

        assertThat(served).isNotEmpty();
        assertThat(described).isEqualTo(served);
    }
}
