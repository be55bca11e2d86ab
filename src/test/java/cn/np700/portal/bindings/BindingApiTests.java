package cn.np700.portal.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The tenant API for bindings: create, read, list by orderRef, change and unbind, with masked numbers. */
@PortalIntegrationTest
class BindingApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;

    ResultActions call(String key, org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
            String json) throws Exception {
        request.header("Authorization", "Bearer " + key);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(request);
    }

    static String axb(String a, String b, String extra) {
        return "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":3600" + extra + "}";
    }

    static long id(ResultActions result) throws Exception {
        return ((Number) JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
    }

    @Test
    void anAxbBindingIsCreatedReadChangedAndUnbound() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        ResultActions created = call(tenant.key(), post("/api/v1/bindings"), axb("+86 " + a, b, ",\"orderRef\":\"ORD-1\""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/v1/bindings/")))
                .andExpect(jsonPath("$.mode").value("AXB"))
                .andExpect(jsonPath("$.a").value(TestMobiles.masked(a)))
                .andExpect(jsonPath("$.b").value(TestMobiles.masked(b)))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.orderRef").value("ORD-1"))
                .andExpect(jsonPath("$.createdBy").value("api:test-key"))
                .andExpect(content().string(not(containsString(a))));
        long id = id(created);
        String x = JsonPath.read(created.andReturn().getResponse().getContentAsString(), "$.x");
        assertThat(bindings.liveOn(Long.parseLong(x))).isEqualTo(1);
        assertThat(bindings.usageLive(tenant.tenantId())).isEqualTo(1);

        call(tenant.key(), get("/api/v1/bindings/" + id), null).andExpect(status().isOk()).andExpect(jsonPath("$.x").value(x));
        call(tenant.key(), get("/api/v1/bindings?orderRef=ORD-1"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id)).andExpect(jsonPath("$.total").value(1));

        String c = bindings.verified(tenant.tenantId());
        call(tenant.key(), patch("/api/v1/bindings/" + id), "{\"b\":\"" + c + "\",\"direction\":\"A_TO_B_ONLY\",\"expiresInSeconds\":7200}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.b").value(TestMobiles.masked(c)))
                .andExpect(jsonPath("$.x").value(x))
                .andExpect(jsonPath("$.direction").value("A_TO_B_ONLY"));

        call(tenant.key(), delete("/api/v1/bindings/" + id), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UNBOUND"));
        assertThat(bindings.liveOn(Long.parseLong(x))).isZero();
        assertThat(bindings.usageLive(tenant.tenantId())).isZero();
        assertThat(bindings.slotsOf(tenant.tenantId())).isZero();
        assertThat(bindings.audits("BINDING_CREATED", tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.audits("BINDING_UPDATED", tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.audits("BINDING_UNBOUND", tenant.tenantId())).isEqualTo(1);
    }
}
