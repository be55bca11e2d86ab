package cn.np700.portal.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.bindings.creation.BindingCreation;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.bindings.rules.RefusalCode;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A creation that joins a caller's transaction cannot roll that transaction back when an X cannot take the binding:
 * it tries each X within a savepoint, so the X's partial writes go and the caller's own writes, and the binding on
 * the next X, commit with the caller. (A creation in its own transaction rolls back as a whole instead; see
 * BindingRaceTests.)
 */
@PortalIntegrationTest
class CreationInACallersTransactionTests {

    @Autowired
    BindingCreation creation;
    @Autowired
    TestBindings bindings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private static final Actor TESTER = new Actor("savepoint-test", null);

    private static BindingInput axb(String a, String b, Long x) {
        return new BindingInput("AXB", a, b, null, x == null ? null : Long.toString(x), 3600L, null, null, null, null);
    }

    /** The tenant's usage rows exist and are known to this node, as for any tenant that has bound before. */
    private TestBindings.Ready tenantThatHasBound() {
        TestBindings.Ready tenant = bindings.tenant();
        creation.bind(TenantId.of(tenant.tenantId()), TESTER,
                axb(bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), tenant.x(0)), false);
        return tenant;
    }

    private long consentsOf(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM consent WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    private long bindingsOn(long x) {
        return jdbc.sql("SELECT COUNT(*) FROM binding WHERE x = ?").param(x).query(Long.class).single();
    }

    @Test
    void anXThatCannotTakeTheBindingLeavesTheCallersTransactionAsItWas() {
        TestBindings.Ready tenant = tenantThatHasBound();
        long x = tenant.x(1);
        String a = bindings.verified(tenant.tenantId());
        creation.bind(TenantId.of(tenant.tenantId()), TESTER, axb(a, bindings.verified(tenant.tenantId()), x), false);
        String b = bindings.verified(tenant.tenantId());
        String callersOwn = TestMobiles.withPrefix("139");
        int usage = bindings.usageLive(tenant.tenantId());
        long consents = consentsOf(tenant.tenantId());

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            bindings.consented(tenant.tenantId(), callersOwn);
            // A is on X already: the binding's row was inserted before its slots were refused, and must not stay
            assertThatThrownBy(() -> creation.bind(TenantId.of(tenant.tenantId()), TESTER, axb(a, b, x), false))
                    .isInstanceOfSatisfying(BindingRefusedException.class,
                            e -> assertThat(e.first().code()).isEqualTo(RefusalCode.PARTY_ALREADY_ON_X));
        });

        assertThat(consentsOf(tenant.tenantId())).as("the caller's own write committed").isEqualTo(consents + 1);
        assertThat(bindingsOn(x)).as("no row left of the refused binding").isEqualTo(1);
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(2);
        assertThat(bindings.slotsOf(tenant.tenantId())).isEqualTo(4);
        assertThat(bindings.liveOn(x)).isEqualTo(1);
        assertThat(bindings.usageLive(tenant.tenantId())).isEqualTo(usage);
    }

    /**
     * A racer takes A's slot on the X the scan found free (its transaction still open when the scan ran): the creation
     * waits on the slot, finds it held once the racer commits, and binds on the pool's other X, inside the caller's
     * transaction. The pool's two X are the last numbers of the block: the scan starts at a random point of the block
     * and wraps round, so it meets the racer's X first unless it starts at the very last number (1 in 10,000).
     */
    @Test
    void anXTakenByARacerIsGivenUpWithinTheCallersTransactionAndTheNextOneTakesTheBinding() throws Exception {
        TestBindings.Ready tenant = tenantThatHasBound();
        long raced = tenant.x(9_998);
        long other = tenant.x(9_999);
        bindings.poolBetween(tenant, raced, other);
        TenantId tenantId = TenantId.of(tenant.tenantId());
        String a = bindings.verified(tenant.tenantId());
        String racersB = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String callersOwn = TestMobiles.withPrefix("139");
        long consents = consentsOf(tenant.tenantId());

        CountDownLatch racerBound = new CountDownLatch(1);
        CountDownLatch racerMayCommit = new CountDownLatch(1);
        CompletableFuture<Void> racer = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    creation.bind(tenantId, TESTER, axb(a, racersB, raced), false);
                    racerBound.countDown();
                    waitFor(racerMayCommit);
                }));
        assertThat(racerBound.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<BindingCreation.Created> caller = CompletableFuture.supplyAsync(
                () -> new TransactionTemplate(transactions).execute(status -> {
                    BindingCreation.Created created = creation.bind(tenantId, TESTER, axb(a, b, null), false);
                    // after the creation: before it, the caller's INSERT could wait on the racer's gap locks instead
                    bindings.consented(tenant.tenantId(), callersOwn);
                    return created;
                }));
        await().atMost(Duration.ofSeconds(30)).until(() -> caller.isDone() || waitingOnASlot());
        racerMayCommit.countDown();
        racer.get(30, TimeUnit.SECONDS);
        Binding made = caller.get(30, TimeUnit.SECONDS).binding();

        assertThat(made.x()).isEqualTo(other);
        assertThat(consentsOf(tenant.tenantId())).as("the caller's own write committed").isEqualTo(consents + 1);
        assertThat(bindingsOn(raced)).as("the racer's binding only").isEqualTo(1);
        assertThat(bindingsOn(other)).isEqualTo(1);
        assertThat(bindings.liveOn(raced)).isEqualTo(1);
        assertThat(bindings.liveOn(other)).isEqualTo(1);
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(3);
        assertThat(bindings.slotsOf(tenant.tenantId())).isEqualTo(6);
    }

    /** A slot INSERT in progress on some connection: with the racer's done, the caller's, waiting on its lock. */
    private boolean waitingOnASlot() {
        return jdbc.sql("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT INTO binding_slot%'")
                .query(Long.class).single() > 0;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the racer was never let commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
