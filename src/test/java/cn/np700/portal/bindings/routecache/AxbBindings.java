package cn.np700.portal.bindings.routecache;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import com.jayway.jsonpath.JsonPath;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** AXB bindings made and ended through the tenant API, as the routing cache's tests need them. */
final class AxbBindings {

    record Bound(TestBindings.Ready tenant, String a, String b, long x, long id) {

        Bound withB(String newB) {
            return new Bound(tenant, a, newB, x, id);
        }
    }

    private final MockMvc mvc;
    private final TestBindings bindings;

    AxbBindings(MockMvc mvc, TestBindings bindings) {
        this.mvc = mvc;
        this.bindings = bindings;
    }

    Bound bind(TestBindings.Ready tenant, String a, String b, int seconds) throws Exception {
        String body = mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":" + seconds + "}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new Bound(tenant, a, b, Long.parseLong(JsonPath.read(body, "$.x")), JsonPath.<Number>read(body, "$.id").longValue());
    }

    /** A new tenant's binding of two new verified parties for ten minutes. */
    Bound bound() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        return bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), 600);
    }

    void unbind(Bound bound) throws Exception {
        mvc.perform(delete("/api/v1/bindings/" + bound.id()).header("Authorization", "Bearer " + bound.tenant().key()))
                .andExpect(status().isOk());
    }

    /** The carrier's question: where does the caller's call to X go. */
    ResultActions route(String carrier, String caller, long x) throws Exception {
        return mvc.perform(post("/api/carrier/v1/route").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"callId\":\"rc-" + System.nanoTime() + "\",\"caller\":\"" + caller + "\",\"x\":\"" + x
                        + "\",\"type\":\"VOICE\"}"));
    }
}
