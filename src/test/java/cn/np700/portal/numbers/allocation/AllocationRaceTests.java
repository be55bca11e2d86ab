package cn.np700.portal.numbers.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.quotas.QuotaOverrides;
import cn.np700.portal.numbers.requests.RequestStatus;
import cn.np700.portal.numbers.review.RequestDecisions;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.CurrentUser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Approvals started at the same moment: no block is handed out twice and no tenant passes its quota, whatever the
 * interleaving; the losers get a clear refusal and their requests stay open with nothing allocated.
 */
@PortalIntegrationTest
class AllocationRaceTests {

    private static final int ROUNDS = 5;
    private static final int RACERS = 3;

    @Autowired
    RequestDecisions decisions;
    @Autowired
    Quotas quotas;
    @Autowired
    TestNumbers numbers;
    @Autowired
    NumberSuspensions suspensions;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;

    ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(RACERS);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    /** What one approval came to: its outcome, or the refusal's key. */
    record Result(long requestId, long tenantId, RequestDecisions.Outcome outcome, String refusal) {
    }

    @Test
    void operatorsPickingTheSameBlocksByHandAtOnceHandThemOutOnce() throws Exception {
        CurrentUser operator = numbers.operator();
        for (int round = 0; round < ROUNDS; round++) {
            List<Long> codes = numbers.importBlocks(2);
            List<Long> reversed = List.of(codes.get(1), codes.get(0));
            List<long[]> requests = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                CurrentUser admin = numbers.newTenantAdmin();
                requests.add(new long[] {numbers.submit(admin, 2), admin.tenant().value()});
            }
            // the same two codes, typed in either order
            List<Result> results = race(i -> decisions.approve(operator, requests.get(i)[0], 2,
                    i % 2 == 0 ? codes : reversed), requests);

            List<Result> winners = results.stream().filter(r -> r.outcome() != null).toList();
            assertThat(winners).as("round %d: %s", round, results).hasSize(1);
            Result winner = winners.get(0);
            assertThat(winner.outcome()).isEqualTo(RequestDecisions.Outcome.APPROVED);
            assertThat(results).filteredOn(r -> r.outcome() == null).extracting(Result::refusal)
                    .as("round %d", round).containsOnly("approve.blocksTaken").hasSize(RACERS - 1);

            assertThat(numbers.codesOf(TenantId.of(winner.tenantId()))).containsExactlyElementsOf(codes);
            assertThat(numbers.poolSize(TenantId.of(winner.tenantId()))).isEqualTo(20_000);
            assertThat(numbers.blocksHeld(TenantId.of(winner.tenantId()))).isEqualTo(2);
            for (long code : codes) {
                assertThat(numbers.holderOf(code)).isEqualTo(winner.tenantId());
                assertThat(numbers.poolNumbersOf(BlockCode.of(code))).isEqualTo(10_000);
                assertThat(numbers.audits("BLOCK_ALLOCATED", "NUMBER_BLOCK", Long.toString(code))).isEqualTo(1);
            }
            for (Result loser : results.stream().filter(r -> r.outcome() == null).toList()) {
                assertThat(numbers.requestStatus(loser.requestId())).isEqualTo(RequestStatus.SUBMITTED);
                assertThat(numbers.timeline(loser.requestId())).containsExactly("SUBMITTED");
                assertThat(numbers.blocksOf(TenantId.of(loser.tenantId()))).isZero();
                assertThat(numbers.poolSize(TenantId.of(loser.tenantId()))).isZero();
                assertThat(numbers.blocksHeld(TenantId.of(loser.tenantId()))).isZero();
            }
        }
    }

    @Test
    void approvalsRacingForTheLastQuotaLetExactlyOneThrough() throws Exception {
        // enough free inventory that the automatic choice never runs short, whoever else holds what
        numbers.importBlocks(20);
        for (int round = 0; round < ROUNDS; round++) {
            CurrentUser admin = numbers.newTenantAdmin();
            TenantId tenant = admin.tenant();
            quotas.change(tenant, new QuotaOverrides(3, null, null, null, null, null, 0));
            assertThat(numbers.blocksHeld(tenant)).isZero();
            List<long[]> requests = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                requests.add(new long[] {numbers.submit(admin, 2), tenant.value()});
            }
            List<CurrentUser> operators = List.of(numbers.operator(), numbers.reviewer());

            List<Result> results = race(i -> decisions.approve(operators.get(i % 2), requests.get(i)[0], 2, null),
                    requests);

            assertThat(results).as("round %d: %s", round, results).filteredOn(r -> r.outcome() != null)
                    .extracting(Result::outcome).containsExactly(RequestDecisions.Outcome.APPROVED);
            assertThat(results).filteredOn(r -> r.outcome() == null).extracting(Result::refusal)
                    .as("round %d", round).containsOnly("approve.overQuota").hasSize(RACERS - 1);
            assertThat(numbers.blocksOf(tenant)).isEqualTo(2);
            assertThat(numbers.poolSize(tenant)).isEqualTo(20_000);
            assertThat(numbers.blocksHeld(tenant)).isEqualTo(2);
            assertThat(quotas.of(tenant).blocksRemaining()).isEqualTo(1);
            for (Result loser : results.stream().filter(r -> r.outcome() == null).toList()) {
                assertThat(numbers.requestStatus(loser.requestId())).isEqualTo(RequestStatus.SUBMITTED);
                assertThat(numbers.timeline(loser.requestId())).containsExactly("SUBMITTED");
            }
        }
    }

    /**
     * The deterministic form of the race above: the blocks leave the inventory (retired by another operator) after the
     * approval has checked them and begun its transaction, so it is the allocation's own conditional UPDATE that
     * refuses. The refusal must still name the blocks that were taken.
     */
    @Test
    void anApprovalThatLosesItsBlocksInsideItsTransactionSaysWhichOnes() throws Exception {
        List<Long> codes = numbers.importBlocks(2);
        CurrentUser admin = numbers.newTenantAdmin();
        long request = numbers.submit(admin, 2);
        CountDownLatch retired = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> retiring = pool.submit(() -> tx.executeWithoutResult(status -> {
            codes.forEach(c -> suspensions.retire(BlockCode.of(c), "工信部收回"));
            retired.countDown();
            await(commit);
        }));
        await(retired);
        Future<Result> approving = pool.submit(() -> {
            try {
                return new Result(request, admin.tenant().value(), decisions.approve(numbers.operator(), request, 2, codes), null);
            } catch (NumberRuleException e) {
                return new Result(request, admin.tenant().value(), null, e.key() + " " + Arrays.toString(e.args()));
            }
        });
        awaitStatementWaiting("UPDATE number_block SET status = 'ALLOCATED'");
        commit.countDown();
        retiring.get(30, TimeUnit.SECONDS);
        Result result = approving.get(30, TimeUnit.SECONDS);

        assertThat(result.outcome()).isNull();
        assertThat(result.refusal()).startsWith("approve.blocksTaken");
        assertThat(numbers.requestStatus(request)).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(numbers.timeline(request)).containsExactly("SUBMITTED");
        assertThat(numbers.blocksOf(admin.tenant())).isZero();
        assertThat(numbers.poolSize(admin.tenant())).isZero();
        assertThat(numbers.blocksHeld(admin.tenant())).isZero();
        assertThat(codes).allSatisfy(c -> assertThat(numbers.status(c)).isEqualTo(BlockStatus.RETIRED));
        // the message names the blocks; it must not be built from the transaction's snapshot, which predates the loss
        String taken = BlockCode.of(codes.get(0)).display() + ", " + BlockCode.of(codes.get(1)).display();
        assertThat(result.refusal()).isEqualTo("approve.blocksTaken [" + taken + "]");
    }

    /**
     * Deterministic form of the quota race: another approval has taken two of the tenant's three blocks and commits
     * while this one waits for the quota row. This one is refused, and its message must give the count held now.
     */
    @Test
    void anApprovalRefusedOverQuotaReportsTheBlocksHeldAfterTheOtherApprovalCommitted() throws Exception {
        List<Long> codes = numbers.importBlocks(2);
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        quotas.change(tenant, new QuotaOverrides(3, null, null, null, null, null, 0));
        long request = numbers.submit(admin, 2);
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> other = pool.submit(() -> tx.executeWithoutResult(status -> {
            assertThat(quotas.takeBlocks(tenant, 2)).isTrue();
            taken.countDown();
            await(commit);
        }));
        await(taken);
        Future<Object[]> approving = pool.submit(() -> {
            try {
                decisions.approve(numbers.operator(), request, 2, codes);
                return null;
            } catch (NumberRuleException e) {
                return new Object[] {e.key(), e.args()};
            }
        });
        // the approval waits behind the other's locks: at the tenant's row (its active check, held by the quota row's
        // foreign key check) or at the quota row itself
        awaitStatementWaiting("UPDATE tenant SET active_checks", "INSERT INTO tenant_quota");
        commit.countDown();
        other.get(30, TimeUnit.SECONDS);
        Object[] refusal = approving.get(30, TimeUnit.SECONDS);

        assertThat(refusal).as("the approval must be refused").isNotNull();
        assertThat(refusal[0]).isEqualTo("approve.overQuota");
        assertThat(numbers.requestStatus(request)).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(codes).allSatisfy(c -> assertThat(numbers.status(c)).isEqualTo(BlockStatus.IN_INVENTORY));
        assertThat(numbers.blocksHeld(tenant)).isEqualTo(2);
        // (blocks asked, blocks held, max): read after the wait, not from the transaction's older snapshot
        assertThat((Object[]) refusal[1]).containsExactly(2, 2, 3);
    }

    /** Until another connection is stuck in a statement starting with one of {@code sqlStarts} (bounded; no fixed sleep). */
    private void awaitStatementWaiting(String... sqlStarts) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (java.util.Arrays.stream(sqlStarts).allMatch(sqlStart -> jdbc
                .sql("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE ?").param(sqlStart + "%")
                .query(Long.class).single() == 0)) {
            assertThat(System.nanoTime()).as("nobody waited in " + String.join(" or ", sqlStarts)).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    interface Approval {
        RequestDecisions.Outcome approve(int racer);
    }

    /** Starts every racer's approval at the same moment and collects what each came to. */
    private List<Result> race(Approval approval, List<long[]> requests) throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        List<Future<Result>> futures = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            int racer = i;
            long requestId = requests.get(i)[0];
            long tenantId = requests.get(i)[1];
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                    return new Result(requestId, tenantId, approval.approve(racer), null);
                } catch (NumberRuleException e) {
                    return new Result(requestId, tenantId, null, e.key());
                }
            }));
        }
        List<Result> results = new ArrayList<>();
        for (Future<Result> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
