package cn.np700.portal.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.np700.portal.bindings.changes.BindingChanges;
import cn.np700.portal.bindings.changes.ChangeInput;
import cn.np700.portal.bindings.creation.BindingCreation;
import cn.np700.portal.bindings.expiry.ExpiryJob;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.bindings.queries.BindingFilter;
import cn.np700.portal.bindings.queries.BindingQueries;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Expiry: the bounds a binding's lifetime must respect, bindings past their expiry that read as expired before the
 * job has run, and the job that ends them once.
 */
@PortalIntegrationTest
class BindingExpiryTests {

    private static final Actor BY = new Actor("tester", null);

    @Autowired
    BindingCreation creation;
    @Autowired
    BindingChanges changes;
    @Autowired
    BindingLedger ledger;
    @Autowired
    BindingQueries queries;
    @Autowired
    ExpiryJob job;
    @Autowired
    TestBindings bindings;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Binding bind(TestBindings.Ready tenant, String a, String b, Long x, long seconds) {
        return creation.bind(TenantId.of(tenant.tenantId()), BY, new BindingInput("AXB", a, b, null, x == null ? null : Long.toString(x),
                seconds, null, null, null, null), false).binding();
    }

    private String refusal(Runnable action) {
        try {
            action.run();
            return "OK";
        } catch (BindingRefusedException e) {
            return e.first().code().name() + ":" + e.first().messageKey();
        }
    }

    @Test
    void aLifetimeRunsFromSixtySecondsToTheTenantsMaximum() {
        TestBindings.Ready tenant = bindings.tenant();
        jdbc.sql("UPDATE tenant_quota SET max_binding_lifetime_minutes = 120 WHERE tenant_id = ?").param(tenant.tenantId()).update();
        String a = bindings.verified(tenant.tenantId());
        assertThat(refusal(() -> bind(tenant, a, bindings.verified(tenant.tenantId()), null, 59)))
                .isEqualTo("INVALID_EXPIRY:binding.expiry.tooSoon");
        assertThat(refusal(() -> bind(tenant, a, bindings.verified(tenant.tenantId()), null, 60))).isEqualTo("OK");
        assertThat(refusal(() -> bind(tenant, a, bindings.verified(tenant.tenantId()), null, 7200))).isEqualTo("OK");
        assertThat(refusal(() -> bind(tenant, a, bindings.verified(tenant.tenantId()), null, 7201)))
                .isEqualTo("INVALID_EXPIRY:binding.expiry.tooLate");
    }

    @Test
    void aBindingPastItsExpiryIsExpiredEverywhereBeforeTheJobRuns() {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(9);
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        Binding first = bind(tenant, a, b, x, 120);
        clock.advance(Duration.ofSeconds(119));
        assertThat(ledger.find(Scope.of(TenantId.of(tenant.tenantId())), first.id()).orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
        clock.advance(Duration.ofSeconds(1));

        assertThat(ledger.find(Scope.of(TenantId.of(tenant.tenantId())), first.id()).orElseThrow().status()).isEqualTo(BindingStatus.EXPIRED);
        assertThat(queries.find(Scope.of(TenantId.of(tenant.tenantId())), filter("ACTIVE"), SortOrder.parse(null, BindingQueries.SORTS, "-created"),
                PageQuery.of(1, 20)).total()).isZero();
        assertThat(queries.find(Scope.of(TenantId.of(tenant.tenantId())), filter("EXPIRED"), SortOrder.parse(null, BindingQueries.SORTS, "-created"),
                PageQuery.of(1, 20)).items()).extracting(Binding::id).containsExactly(first.id());
        assertThat(refusal(() -> changes.change(TenantId.of(tenant.tenantId()), first.id(), new ChangeInput(3600L, null, null, null), BY,
                false))).isEqualTo("NOT_LIVE:binding.notLive");

        Binding again = bind(tenant, a, b, x, 600);
        assertThat(again.status()).isEqualTo(BindingStatus.ACTIVE);
        assertThat(jdbc.sql("SELECT status FROM binding WHERE id = ?").param(first.id()).query(String.class).single())
                .isEqualTo("EXPIRED");
        assertThat(bindings.liveOn(x)).isEqualTo(1);
        assertThat(bindings.usageLive(tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.audits("BINDING_EXPIRED", tenant.tenantId())).isEqualTo(1);
    }

    @Test
    void theExpiryJobEndsDueBindingsOnceAndFreesTheirXAndQuota() {
        TestBindings.Ready tenant = bindings.tenant();
        Binding soon = bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), null, 300);
        Binding later = bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), null, 3600);
        clock.advance(Duration.ofSeconds(301));

        assertThat(job.expireDue()).isGreaterThanOrEqualTo(1);
        assertThat(job.expireDue()).isZero();

        assertThat(jdbc.sql("SELECT status FROM binding WHERE id = ?").param(soon.id()).query(String.class).single())
                .isEqualTo("EXPIRED");
        assertThat(ledger.find(Scope.of(TenantId.of(tenant.tenantId())), later.id()).orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
        assertThat(bindings.liveOn(soon.x())).isZero();
        assertThat(bindings.usageLive(tenant.tenantId())).isEqualTo(1);
        assertThat(bindings.slotsOf(tenant.tenantId())).isEqualTo(2);
        assertThat(bindings.audits("BINDING_EXPIRED", tenant.tenantId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'BINDING_EXPIRED' AND target_id = ?")
                .param(Long.toString(soon.id())).query(String.class).single()).isEqualTo("system");
    }

    @Test
    void aFullQuotaHeldByBindingsPastTheirExpiryStillTakesANewBinding() {
        TestBindings.Ready tenant = bindings.tenant();
        jdbc.sql("UPDATE tenant_quota SET max_active_bindings = 1 WHERE tenant_id = ?").param(tenant.tenantId()).update();
        bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), null, 120);
        assertThat(refusal(() -> bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()),
                null, 120))).isEqualTo("QUOTA_EXCEEDED:binding.quota.active");
        clock.advance(Duration.ofSeconds(121));

        assertThat(refusal(() -> bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()),
                null, 120))).isEqualTo("OK");
        assertThat(bindings.usageLive(tenant.tenantId())).isEqualTo(1);
    }

    @Test
    void anExtendedBindingOutlivesItsFirstExpiry() {
        TestBindings.Ready tenant = bindings.tenant();
        Binding binding = bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), null, 120);
        changes.change(TenantId.of(tenant.tenantId()), binding.id(), new ChangeInput(3600L, null, null, null), BY, false);
        clock.advance(Duration.ofSeconds(600));
        job.expireDue(); // may end other tests' bindings in the shared database, never this one
        assertThat(ledger.find(Scope.of(TenantId.of(tenant.tenantId())), binding.id()).orElseThrow().status()).isEqualTo(BindingStatus.ACTIVE);
        assertThat(jdbc.sql("SELECT status FROM binding WHERE id = ?").param(binding.id()).query(String.class).single())
                .isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT MIN(expires_at) > ? FROM binding_slot WHERE binding_id = ?")
                .params(java.sql.Timestamp.from(clock.instant()), binding.id()).query(Boolean.class).single()).isTrue();
    }

    private static BindingFilter filter(String status) {
        return new BindingFilter(status, null, null, null, null, null, null, null);
    }
}
