package cn.np700.portal.numbers.release;

import static cn.np700.portal.numbers.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.requests.RequestStatus;
import cn.np700.portal.numbers.review.RequestDecisions;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.NotFoundException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Giving blocks back: never under a live binding unless an operator confirms it, then cooling, then inventory. */
@PortalIntegrationTest
class ReleaseAndCoolingTests {

    @Autowired
    BlockRelease release;
    @Autowired
    CoolingJob cooling;
    @Autowired
    RequestDecisions decisions;
    @Autowired
    TestNumbers numbers;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aTenantCannotReleaseABlockWithLiveBindingsAndIsToldHowMany() {
        TestNumbers.Holding holding = numbers.holding(1);
        numbers.seedLiveBindings(holding.number(7), 2);
        numbers.seedLiveBindings(holding.number(9_999), 1);

        assertThatThrownBy(() -> release.release(holding.tenant(), holding.block()))
                .isInstanceOfSatisfying(NumberRuleException.class, e -> {
                    assertThat(e.key()).isEqualTo("release.liveBindings");
                    assertThat(e.args()).containsExactly(3);
                });

        assertStillHeld(holding);
        assertThat(numbers.audits("BLOCK_RELEASED", "NUMBER_BLOCK", holding.block().digits())).isZero();
    }

    @Test
    void onceTheBindingsHaveEndedTheBlockIsReleasedAndCools() {
        TestNumbers.Holding holding = numbers.holding(2);
        BlockCode released = holding.block();
        numbers.seedLiveBindings(holding.number(42), 1);
        assertRefused(() -> release.release(holding.tenant(), released), "release.liveBindings");
        numbers.clearLiveBindings(released);
        Instant before = clock.instant();

        release.release(holding.tenant(), released);

        assertThat(numbers.status(released.value())).isEqualTo(BlockStatus.COOLING);
        assertThat(numbers.holderOf(released.value())).isNull();
        assertThat(coolingUntil(released)).isCloseTo(before.plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
        assertThat(numbers.poolNumbersOf(released)).isZero();
        assertThat(numbers.poolSize(holding.tenant())).isEqualTo(10_000);
        assertThat(numbers.blocksHeld(holding.tenant())).isEqualTo(1);
        assertThat(numbers.codesOf(holding.tenant())).containsExactly(holding.codes().get(1));
        assertThat(numbers.audits("BLOCK_RELEASED", "NUMBER_BLOCK", released.digits())).isEqualTo(1);
        assertThat(numbers.auditDetails("BLOCK_RELEASED", "NUMBER_BLOCK", released.digits()).get(0))
                .contains("\"liveBindingsEnded\":0");

        // a released block is not the tenant's any more: a second release finds nothing
        assertThatThrownBy(() -> release.release(holding.tenant(), released)).isInstanceOf(NotFoundException.class);
        assertThat(numbers.blocksHeld(holding.tenant())).isEqualTo(1);
    }

    @Test
    void anotherTenantCannotReleaseYourBlock() {
        TestNumbers.Holding holding = numbers.holding(1);
        CurrentUser stranger = numbers.newTenantAdmin();

        assertThatThrownBy(() -> release.release(stranger.tenant(), holding.block()))
                .isInstanceOf(NotFoundException.class);

        assertStillHeld(holding);
    }

    @Test
    void aBlockStillInInventoryCannotBeReleasedOrReclaimed() {
        long code = numbers.importBlocks(1).get(0);
        CurrentUser admin = numbers.newTenantAdmin();

        assertThatThrownBy(() -> release.release(admin.tenant(), BlockCode.of(code)))
                .isInstanceOf(NotFoundException.class);
        assertRefused(() -> release.reclaim(BlockCode.of(code), null), "reclaim.notAllocated");

        assertThat(numbers.status(code)).isEqualTo(BlockStatus.IN_INVENTORY);
    }

    @Test
    void anOperatorReclaimsOnlyAfterConfirmingTheLiveCountTheySaw() {
        TestNumbers.Holding holding = numbers.holding(1);
        numbers.seedLiveBindings(holding.number(1), 1);
        numbers.seedLiveBindings(holding.number(2), 1);

        assertThatThrownBy(() -> release.reclaim(holding.block(), null))
                .isInstanceOfSatisfying(NumberRuleException.class, e -> {
                    assertThat(e.key()).isEqualTo("reclaim.liveBindings");
                    assertThat(e.args()).containsExactly(2);
                });
        assertStillHeld(holding);

        // the operator saw 1, but a binding was made since
        assertThatThrownBy(() -> release.reclaim(holding.block(), 1))
                .isInstanceOfSatisfying(NumberRuleException.class, e -> {
                    assertThat(e.key()).isEqualTo("reclaim.countChanged");
                    assertThat(e.args()).containsExactly(1, 2);
                });
        assertStillHeld(holding);

        release.reclaim(holding.block(), 2);

        assertThat(numbers.status(holding.block().value())).isEqualTo(BlockStatus.COOLING);
        assertThat(numbers.holderOf(holding.block().value())).isNull();
        assertThat(numbers.poolSize(holding.tenant())).isZero();
        assertThat(numbers.blocksHeld(holding.tenant())).isZero();
        assertThat(numbers.audits("BLOCK_RECLAIMED", "NUMBER_BLOCK", holding.block().digits())).isEqualTo(1);
        assertThat(numbers.auditDetails("BLOCK_RECLAIMED", "NUMBER_BLOCK", holding.block().digits()).get(0))
                .contains("\"liveBindingsEnded\":2");
    }

    @Test
    void anOperatorReclaimsABlockWithoutLiveBindingsWithoutConfirming() {
        TestNumbers.Holding holding = numbers.holding(1);

        release.reclaim(holding.block(), null);

        assertThat(numbers.status(holding.block().value())).isEqualTo(BlockStatus.COOLING);
        assertThat(numbers.blocksHeld(holding.tenant())).isZero();
        assertThat(numbers.audits("BLOCK_RECLAIMED", "NUMBER_BLOCK", holding.block().digits())).isEqualTo(1);
        assertRefused(() -> release.reclaim(holding.block(), null), "reclaim.notAllocated");
    }

    @Test
    void theCoolingJobReturnsABlockOnlyAfterThePeriodAndExactlyOnce() {
        TestNumbers.Holding holding = numbers.holding(1);
        BlockCode code = holding.block();
        release.release(holding.tenant(), code);

        cooling.returnCooledBlocks();
        assertThat(numbers.status(code.value())).isEqualTo(BlockStatus.COOLING);

        clock.advance(Duration.ofDays(29));
        cooling.returnCooledBlocks();
        assertThat(numbers.status(code.value())).isEqualTo(BlockStatus.COOLING);
        assertThat(numbers.audits("BLOCK_RETURNED_TO_INVENTORY", "NUMBER_BLOCK", code.digits())).isZero();

        clock.advance(Duration.ofDays(2));
        int returned = cooling.returnCooledBlocks();
        cooling.returnCooledBlocks();

        assertThat(returned).isPositive();
        assertThat(numbers.status(code.value())).isEqualTo(BlockStatus.IN_INVENTORY);
        assertThat(coolingUntilOrNull(code)).isNull();
        assertThat(numbers.holderOf(code.value())).isNull();
        assertThat(numbers.audits("BLOCK_RETURNED_TO_INVENTORY", "NUMBER_BLOCK", code.digits())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'BLOCK_RETURNED_TO_INVENTORY' AND target_id = ?")
                .param(code.digits()).query(String.class).single()).isEqualTo("system");
    }

    @Test
    void aCoolingBlockCannotBePickedButOnceReturnedItCanBeAllocatedAgain() {
        TestNumbers.Holding first = numbers.holding(1);
        BlockCode code = first.block();
        release.release(first.tenant(), code);
        CurrentUser next = numbers.newTenantAdmin();
        long request = numbers.submit(next, 1);
        assertRefused(() -> decisions.approve(numbers.operator(), request, 1, List.of(code.value())),
                "approve.blocksTaken");
        assertThat(numbers.requestStatus(request)).isEqualTo(RequestStatus.SUBMITTED);

        clock.advance(Duration.ofDays(31));
        cooling.returnCooledBlocks();
        clock.reset();

        decisions.approve(numbers.operator(), request, 1, List.of(code.value()));

        assertThat(numbers.holderOf(code.value())).isEqualTo(next.tenant().value());
        assertThat(numbers.poolSize(next.tenant())).isEqualTo(10_000);
        assertThat(numbers.poolSize(first.tenant())).isZero();
    }

    @Test
    void twoCoolingRunsAtOnceReturnEachBlockOnce() throws Exception {
        TestNumbers.Holding holding = numbers.holding(3);
        for (long code : holding.codes()) {
            release.release(holding.tenant(), BlockCode.of(code));
        }
        clock.advance(Duration.ofDays(31));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Callable<Integer> run = () -> {
                start.await(10, TimeUnit.SECONDS);
                return cooling.returnCooledBlocks();
            };
            List<Future<Integer>> runs = new ArrayList<>(List.of(pool.submit(run), pool.submit(run)));
            for (Future<Integer> f : runs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (long code : holding.codes()) {
            assertThat(numbers.status(code)).isEqualTo(BlockStatus.IN_INVENTORY);
            assertThat(numbers.audits("BLOCK_RETURNED_TO_INVENTORY", "NUMBER_BLOCK", Long.toString(code))).isEqualTo(1);
        }
    }

    private void assertStillHeld(TestNumbers.Holding holding) {
        for (long code : holding.codes()) {
            assertThat(numbers.status(code)).isEqualTo(BlockStatus.ALLOCATED);
            assertThat(numbers.holderOf(code)).isEqualTo(holding.tenantId());
        }
        assertThat(numbers.poolSize(holding.tenant())).isEqualTo(10_000L * holding.codes().size());
        assertThat(numbers.blocksHeld(holding.tenant())).isEqualTo(holding.codes().size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM number_block WHERE code = ? AND cooling_until IS NOT NULL")
                .param(holding.block().value()).query(Long.class).single()).isZero();
    }

    private Instant coolingUntil(BlockCode code) {
        return coolingUntilOrNull(code);
    }

    private Instant coolingUntilOrNull(BlockCode code) {
        Timestamp t = jdbc.sql("SELECT cooling_until FROM number_block WHERE code = ?").param(code.value())
                .query(Timestamp.class).list().get(0);
        return t == null ? null : t.toInstant();
    }
}
