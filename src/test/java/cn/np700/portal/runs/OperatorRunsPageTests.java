package cn.np700.portal.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The operators' list of background runs: filters, a refused filter named next to its field, and who may see it. */
@PortalIntegrationTest
class OperatorRunsPageTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    BackgroundRuns runs;

    @Test
    void operatorsSeeRunsOfEveryKindFilteredByKindAndStatus() throws Exception {
        String label = "listed-" + UUID.randomUUID();
        Run run = runs.start(new NewRun(CountedItems.KIND, Optional.empty(), label, new AuditActor("run-lister", null, null), 4,
                new byte[0], null, Map.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.findOfKind(CountedItems.KIND, run.id()).orElseThrow()
                .status() == RunStatus.DONE);

        mvc.perform(get("/operator/runs").param("kind", CountedItems.KIND).param("status", "DONE")
                        .with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"run-" + run.id() + "\"")))
                .andExpect(content().string(containsString(label)))
                .andExpect(content().string(containsString("even: 2, odd: 2")));
        mvc.perform(get("/operator/runs").param("kind", CountedItems.KIND).param("status", "FAILED")
                        .with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(label))));
    }

    @Test
    void anUnknownKindIsNamedNextToItsFieldAndEveryKindShown() throws Exception {
        String page = mvc.perform(get("/operator/runs").param("kind", "NO_SUCH<KIND>").param("lang", "en")
                        .with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"kind-problem\"").contains("There is no such kind of run")
                .contains("NO_SUCH&lt;KIND&gt;").doesNotContain("NO_SUCH<KIND>");
    }

    @Test
    void enterpriseUsersAndReviewersMayNotSeeIt() throws Exception {
        mvc.perform(get("/operator/runs").with(TestLogins.as(accounts, "kuaida-admin"))).andExpect(status().isForbidden());
        mvc.perform(get("/operator/runs").with(TestLogins.as(accounts, "reviewer"))).andExpect(status().isForbidden());
    }
}
