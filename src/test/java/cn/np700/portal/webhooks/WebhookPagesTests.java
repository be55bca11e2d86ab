package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The admin's console pages and the operators' health page, in Chinese unless English is asked for. */
@PortalIntegrationTest
class WebhookPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestBindings bindings;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    JdbcClient jdbc;

    TestReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aRefusedUrlIsExplainedNextToItsFieldKeepingWhatWasTyped() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String page = body(create(tenant.admin(), "http://169.254.169.254/latest").param("description", "kept text"));
        assertThat(page).contains("受限地址").contains("http://169.254.169.254/latest").contains("kept text");
        String english = body(create(tenant.admin(), "http://169.254.169.254/latest").param("lang", "en"));
        assertThat(english).contains("cloud metadata address");
        assertThat(body(post("/enterprise/webhooks").with(csrf()).with(TestLogins.as(accounts, tenant.admin()))
                .param("url", "http://127.0.0.1:9/h").param("lang", "en"))).contains("Choose at least one event");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhook_endpoint WHERE tenant_id = ?").param(tenant.tenantId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void anAdminAddsAnEndpointSendsATestAndSeesItInTheDeliveryLog() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String shown = body(create(tenant.admin(), receiver.url()));
        Matcher secret = Pattern.compile("whsec_[A-Za-z0-9+/=]+").matcher(shown);
        assertThat(secret.find()).isTrue();
        long id = jdbc.sql("SELECT id FROM webhook_endpoint WHERE tenant_id = ?").param(tenant.tenantId()).query(Long.class).single();
        assertThat(body(get("/enterprise/webhooks/" + id).with(TestLogins.as(accounts, tenant.admin())))).doesNotContain("whsec_");

        mvc.perform(post("/enterprise/webhooks/" + id + "/test").with(csrf()).with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(status().is3xxRedirection());
        new WebhookApi(mvc, worker).deliverUntil(() -> receiver.received().size() == 1);

        String log = body(get("/enterprise/webhooks/" + id + "?status=DELIVERED").with(TestLogins.as(accounts, tenant.admin())));
        assertThat(log).contains("webhook.test").contains("已送达").contains(receiver.received().get(0).id());
        assertThat(new StandardWebhooksVerifier(secret.group()).verifies(receiver.received().get(0).id(),
                receiver.received().get(0).timestamp(), receiver.received().get(0).signature(), receiver.received().get(0).body())).isTrue();
        String detail = body(get("/enterprise/webhooks/" + id + "/deliveries/" + receiver.received().get(0).id())
                .with(TestLogins.as(accounts, tenant.admin())));
        assertThat(detail).contains("a test event from the portal").contains("200");
        assertThat(body(get("/enterprise/webhooks/" + id + "?status=FAILED").with(TestLogins.as(accounts, tenant.admin()))))
                .doesNotContain(receiver.received().get(0).id());

        String health = body(get("/operator/webhooks").with(TestLogins.as(accounts, "operator")));
        assertThat(health).contains("health-" + tenant.tenantId()).contains("webhook-health-chart");
    }

    @Test
    void anotherTenantsEndpointPageIsNotFound() throws Exception {
        TestBindings.Ready owner = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        body(create(owner.admin(), receiver.url()));
        long id = jdbc.sql("SELECT id FROM webhook_endpoint WHERE tenant_id = ?").param(owner.tenantId()).query(Long.class).single();
        mvc.perform(get("/enterprise/webhooks/" + id).with(TestLogins.as(accounts, other.admin()))).andExpect(status().isNotFound());
        mvc.perform(post("/enterprise/webhooks/" + id + "/rotate").with(csrf()).with(TestLogins.as(accounts, other.admin())))
                .andExpect(status().isNotFound());
    }

    private MockHttpServletRequestBuilder create(String admin, String url) {
        return post("/enterprise/webhooks").with(csrf()).with(TestLogins.as(accounts, admin)).param("url", url)
                .param("events", "binding.created", "call.status").param("enabled", "true");
    }

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
