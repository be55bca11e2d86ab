package cn.np700.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@PortalIntegrationTest
class AuditChainTests {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;

    record TestEvent(String targetId) implements AuditableEvent {
        public String action() {
            return "TEST_EVENT";
        }

        public String targetType() {
            return "TEST";
        }

        public Long tenantId() {
            return null;
        }

        public Map<String, Object> details() {
            return Map.of("note", "测试 " + targetId);
        }
    }

    @Test
    void parallelAppendsKeepOneUnbrokenChain() throws Exception {
        long before = count();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "p" + i;
            tasks.add(() -> {
                tx.executeWithoutResult(s -> events.publishEvent(new TestEvent(id)));
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        pool.shutdown();
        assertThat(count()).isEqualTo(before + 40);
        ChainVerification result = verifier.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(count());
    }

    @Test
    void anEntryAlteredWithPlainSqlIsFoundAndNamed() {
        tx.executeWithoutResult(s -> events.publishEvent(new TestEvent("victim")));
        tx.executeWithoutResult(s -> events.publishEvent(new TestEvent("after")));
        long seq = jdbc.sql("SELECT MAX(seq) FROM audit_entry WHERE target_id = 'victim'").query(Long.class).single();
        String original = detailsOf(seq);
        try {
            jdbc.sql("UPDATE audit_entry SET details = ? WHERE seq = ?").params("{\"note\":\"改过了\"}", seq).update();
            ChainVerification result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBrokenSeq()).isEqualTo(seq);
            assertThat(result.problem()).isEqualTo("content");
            assertThat(result.entriesChecked()).isEqualTo(seq - 1);
        } finally {
            jdbc.sql("UPDATE audit_entry SET details = ? WHERE seq = ?").params(original, seq).update();
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void aRehashedForgeryStillBreaksTheNextLink() {
        tx.executeWithoutResult(s -> events.publishEvent(new TestEvent("forged")));
        tx.executeWithoutResult(s -> events.publishEvent(new TestEvent("next")));
        long seq = jdbc.sql("SELECT MAX(seq) FROM audit_entry WHERE target_id = 'forged'").query(Long.class).single();
        AuditEntry entry = jdbc.sql(AuditEntryRows.SELECT + " WHERE seq = ?").param(seq).query(new AuditEntryRows()).single();
        AuditEntry forged = new AuditEntry(entry.seq(), entry.occurredAt(), "someone-else", entry.actorUserId(),
                entry.actorTenantId(), entry.tenantId(), entry.action(), entry.targetType(), entry.targetId(),
                entry.clientIp(), entry.details(), entry.prevHash(), null);
        try {
            jdbc.sql("UPDATE audit_entry SET actor = ?, hash = ? WHERE seq = ?")
                    .params("someone-else", AuditHash.of(forged, entry.prevHash()), seq).update();
            ChainVerification result = verifier.verify();
            assertThat(result.firstBrokenSeq()).isEqualTo(seq + 1);
            assertThat(result.problem()).isEqualTo("prev-hash");
        } finally {
            jdbc.sql("UPDATE audit_entry SET actor = ?, hash = ? WHERE seq = ?").params(entry.actor(), entry.hash(), seq)
                    .update();
        }
    }

    @Test
    void theAuditorsVerifyButtonReportsTheCount() throws Exception {
        mvc.perform(post("/audit/verify").with(csrf()).with(TestLogins.as(accounts, "auditor")).header("HX-Request", "true"))
                .andExpect(content().string(Matchers.containsString("哈希链完整，共校验")));
    }

    @Test
    void anEnterpriseAdminSeesOnlyEntriesOfTheirOwnTenant() throws Exception {
        mvc.perform(get("/audit").with(TestLogins.as(accounts, "kuaida-admin")).param("size", "100"))
                .andExpect(content().string(Matchers.containsString("kuaida-agent")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("meiwei-agent"))));
    }

    @Test
    void theAuditListFiltersByActionOnTheServer() throws Exception {
        mvc.perform(get("/audit").with(TestLogins.as(accounts, "auditor")).param("action", "TENANT_CREATED"))
                .andExpect(content().string(Matchers.containsString("class=\"action\">创建企业<")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("class=\"action\">创建用户<"))));
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single();
    }

    private String detailsOf(long seq) {
        return jdbc.sql("SELECT details FROM audit_entry WHERE seq = ?").param(seq).query(String.class).single();
    }
}
