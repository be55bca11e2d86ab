package cn.np700.portal.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    AuditChainer chainer;
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

        public TenantId tenantId() {
            return null;
        }

        public Map<String, Object> details() {
            return Map.of("note", "测试 " + targetId);
        }
    }

    @Test
    void parallelAppendsKeepOneUnbrokenChain() throws Exception {
        long before = count();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = run + "-p" + i;
            tasks.add(() -> {
                tx.executeWithoutResult(s -> events.publishEvent(new TestEvent(id)));
                return null;
            });
            if (i % 10 == 0) {
                // chainers of other nodes linking at the same time as this node's
                tasks.add(() -> {
                    chainer.chainPending();
                    return null;
                });
            }
        }
        for (Future<Void> f : pool.invokeAll(tasks)) {
            f.get();
        }
        pool.shutdown();
        assertThat(count()).isEqualTo(before + 40);
        ChainVerification result = verifier.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(count());
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT seq) FROM audit_entry WHERE target_id LIKE ?")
                .param(run + "-p%").query(Long.class).single()).isEqualTo(40);
    }

    @Test
    void anEntryCommitsWithItsChangeAndIsLinkedRightAfter() {
        String linked = "linked-" + UUID.randomUUID();
        Boolean unlinkedInsideTheChange = tx.execute(s -> {
            events.publishEvent(new TestEvent(linked));
            return jdbc.sql("SELECT seq IS NULL FROM audit_entry WHERE target_id = ?").param(linked).query(Boolean.class)
                    .single();
        });
        assertThat(unlinkedInsideTheChange).as("written unlinked inside the change's transaction").isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                jdbc.sql("SELECT seq FROM audit_entry WHERE target_id = ?").param(linked).query(Long.class).optional())
                .hasValueSatisfying(seq -> assertThat(seq).isPositive()));

        String rolledBack = "rolled-back-" + UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            events.publishEvent(new TestEvent(rolledBack));
            s.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE target_id = ?").param(rolledBack).query(Long.class)
                .single()).isZero();
    }

    @Test
    void anEntryAlteredWithPlainSqlIsFoundAndNamed() {
        tx.executeWithoutResult(s -> events.publishEvent(new TestEvent("victim")));
        tx.executeWithoutResult(s -> events.publishEvent(new TestEvent("after")));
        chainer.chainPending();
        long id = idOf("victim");
        long seq = jdbc.sql("SELECT seq FROM audit_entry WHERE id = ?").param(id).query(Long.class).single();
        String original = detailsOf(id);
        try {
            jdbc.sql("UPDATE audit_entry SET details = ? WHERE id = ?").params("{\"note\":\"改过了\"}", id).update();
            ChainVerification result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAtEntry()).isEqualTo(id);
            assertThat(result.problem()).isEqualTo("content");
            assertThat(result.entriesChecked()).isEqualTo(seq - 1);
        } finally {
            jdbc.sql("UPDATE audit_entry SET details = ? WHERE id = ?").params(original, id).update();
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void aRehashedForgeryStillBreaksTheNextLink() {
        tx.executeWithoutResult(s -> events.publishEvent(new TestEvent("forged")));
        tx.executeWithoutResult(s -> events.publishEvent(new TestEvent("next")));
        chainer.chainPending();
        AuditEntry entry = jdbc.sql(AuditEntryRows.SELECT + " WHERE id = ?").param(idOf("forged")).query(new AuditEntryRows())
                .single();
        AuditEntry forged = new AuditEntry(entry.id(), entry.seq(), entry.occurredAt(), "someone-else",
                entry.actorUserId(), entry.actorTenantId(), entry.tenantId(), entry.action(), entry.targetType(),
                entry.targetId(), entry.clientIp(), entry.details(), entry.prevHash(), null);
        long nextLink = jdbc.sql("SELECT id FROM audit_entry WHERE seq = ?").param(entry.seq() + 1).query(Long.class).single();
        try {
            jdbc.sql("UPDATE audit_entry SET actor = ?, hash = ? WHERE id = ?")
                    .params("someone-else", AuditHash.of(forged, entry.prevHash()), entry.id()).update();
            ChainVerification result = verifier.verify();
            assertThat(result.brokenAtEntry()).isEqualTo(nextLink);
            assertThat(result.problem()).isEqualTo("prev-hash");
        } finally {
            jdbc.sql("UPDATE audit_entry SET actor = ?, hash = ? WHERE id = ?").params(entry.actor(), entry.hash(), entry.id())
                    .update();
        }
    }

    @Test
    void aDeletedEntryIsReportedAtTheEntryAfterIt() {
        tx.executeWithoutResult(s -> events.publishEvent(new TestEvent("deleted")));
        tx.executeWithoutResult(s -> events.publishEvent(new TestEvent("after-deleted")));
        chainer.chainPending();
        long id = idOf("deleted");
        Map<String, Object> row = jdbc.sql("SELECT * FROM audit_entry WHERE id = ?").param(id).query().singleRow();
        long seq = ((Number) row.get("seq")).longValue();
        long nextLink = jdbc.sql("SELECT id FROM audit_entry WHERE seq = ?").param(seq + 1).query(Long.class).single();
        try {
            jdbc.sql("DELETE FROM audit_entry WHERE id = ?").param(id).update();
            ChainVerification result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenAtEntry()).isEqualTo(nextLink);
            assertThat(result.problem()).isEqualTo("missing");
        } finally {
            jdbc.sql("INSERT INTO audit_entry (" + String.join(", ", row.keySet()) + ") VALUES ("
                    + String.join(", ", row.keySet().stream().map(k -> "?").toList()) + ")")
                    .params(new ArrayList<>(row.values())).update();
        }
        assertThat(verifier.verify().intact()).isTrue();
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

    private long idOf(String targetId) {
        return jdbc.sql("SELECT MAX(id) FROM audit_entry WHERE target_id = ?").param(targetId).query(Long.class).single();
    }

    private String detailsOf(long id) {
        return jdbc.sql("SELECT details FROM audit_entry WHERE id = ?").param(id).query(String.class).single();
    }
}
