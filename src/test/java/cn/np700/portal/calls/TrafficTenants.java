package cn.np700.portal.calls;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import com.jayway.jsonpath.JsonPath;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.test.web.servlet.MockMvc;

/** Object mother for traffic: a fresh tenant with AXB and AXN bindings made through the tenant API, lasting three days. */
@Component
public class TrafficTenants {

    static final long LIFETIME_SECONDS = 3 * 24 * 3600;

    private final TestBindings bindings;
    private final ObjectProvider<MockMvc> mvc;
    private final JdbcClient jdbc;

    TrafficTenants(TestBindings bindings, ObjectProvider<MockMvc> mvc, JdbcClient jdbc) {
        this.bindings = bindings;
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    public record Bound(TestBindings.Ready tenant, List<Pair> pairs) {

        public long tenantId() {
            return tenant.tenantId();
        }
    }

    public record Pair(String mode, long x, String a, String other, String direction) {
    }

    /** {@code axb} AXB bindings (every third one only B to A), and {@code axn} AXN bindings. */
    public Bound bound(int axb, int axn) throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < axb; i++) {
            String a = bindings.verified(tenant.tenantId());
            String b = bindings.verified(tenant.tenantId());
            String direction = i % 3 == 2 ? "B_TO_A_ONLY" : "BOTH";
            pairs.add(new Pair("AXB", bind(tenant, "{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b
                    + "\",\"direction\":\"" + direction + "\",\"record\":true,\"expiresInSeconds\":" + LIFETIME_SECONDS
                    + "}"), a, b, direction));
        }
        for (int i = 0; i < axn; i++) {
            String a = bindings.verified(tenant.tenantId());
            String n = bindings.verified(tenant.tenantId());
            pairs.add(new Pair("AXN", bind(tenant, "{\"mode\":\"AXN\",\"a\":\"" + a + "\",\"n\":\"" + n
                    + "\",\"expiresInSeconds\":" + LIFETIME_SECONDS + "}"), a, n, "BOTH"));
        }
        return new Bound(tenant, pairs);
    }

    /**
     * Dates the tenant's bindings back, as if made {@code ago}, so that calls in the past match them. (Moving the clock
     * forward instead would leave records in the future, on top of every other test's newest-first lists.)
     */
    public Instant madeAgo(Bound bound, Duration ago) {
        Instant made = Instant.now().minus(ago);
        jdbc.sql("UPDATE binding SET created_at = ? WHERE tenant_id = ?").params(Timestamp.from(made), bound.tenantId())
                .update();
        return made;
    }

    private long bind(TestBindings.Ready tenant, String json) throws Exception {
        String body = mvc.getObject().perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(JsonPath.read(body, "$.x"));
    }
}
