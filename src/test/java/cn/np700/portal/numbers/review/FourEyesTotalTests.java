package cn.np700.portal.numbers.review;

import static cn.np700.portal.numbers.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.requests.NumberRequest;
import cn.np700.portal.numbers.requests.NumberRequests;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Four eyes on the total (issue 23, item 7): blocks one operator allocated to one enterprise alone within the window
 * (30 days) add up against the threshold (10), so two requests of 6 and 5 cannot each be approved by one operator.
 */
@PortalIntegrationTest
class FourEyesTotalTests {

    @Autowired
    RequestDecisions decisions;
    @Autowired
    NumberRequests requests;
    @Autowired
    TestNumbers numbers;
    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stopPoolAndClock() throws InterruptedException {
        clock.reset();
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sixThenFiveBlocksApprovedByOneOperatorAloneTakeASecondApproverForTheFive() throws Exception {
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        List<Long> six = numbers.importBlocks(6);
        List<Long> five = numbers.importBlocks(5);
        long first = numbers.submit(admin, 6);
        long second = numbers.submit(admin, 5);
        CurrentUser operator = numbers.operator();

        assertThat(decisions.approve(operator, first, 6, six)).isEqualTo(RequestDecisions.Outcome.APPROVED);
        assertThat(page(second, "operator")).contains("6 + 5 = 11 &gt; 10").contains("id=\"solo-total\"");
        // another operator's single approvals are their own total: the page warns only the one who approved the six
        assertThat(page(second, "reviewer")).doesNotContain("id=\"solo-total\"");

        RequestDecisions.Outcome outcome = decisions.approve(operator, second, 5, five);

        assertThat(outcome).isEqualTo(RequestDecisions.Outcome.FIRST_APPROVAL_RECORDED);
        assertThat(numbers.blocksHeld(tenant)).isEqualTo(6);
        assertThat(five).allSatisfy(c -> assertThat(numbers.status(c)).isEqualTo(BlockStatus.IN_INVENTORY));
        NumberRequest awaiting = requests.find(second).orElseThrow();
        assertThat(awaiting.awaitingSecondApproval()).isTrue();
        assertThat(awaiting.firstApproverId()).isEqualTo(operator.userId());
        assertThat(numbers.timeline(second)).containsExactly("SUBMITTED", "FIRST_APPROVAL");
        assertThat(requests.timeline(second).get(1).note()).isEqualTo("6 + 5 = 11 > 10");
        assertThat(numbers.auditDetails("NUMBER_REQUEST_FIRST_APPROVAL", "NUMBER_REQUEST", Long.toString(second)))
                .singleElement().asString().contains("6 + 5 = 11 > 10");
        assertThat(page(second, "reviewer")).contains("id=\"solo-total-recorded\"").contains("6 + 5 = 11 &gt; 10");
        assertRefused(() -> decisions.approve(operator, second, 5, five), "approve.sameOperator");

        assertThat(decisions.approve(numbers.reviewer(), second, 5, null)).isEqualTo(RequestDecisions.Outcome.APPROVED);
        assertThat(numbers.blocksHeld(tenant)).isEqualTo(11);
        assertThat(numbers.codesOf(tenant)).containsExactlyInAnyOrderElementsOf(concat(six, five));
    }

    @Test
    void aSecondOperatorsSingleApprovalIsCountedOnItsOwn() {
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        long first = numbers.submit(admin, 6);
        long second = numbers.submit(admin, 5);
        List<Long> six = numbers.importBlocks(6);
        List<Long> five = numbers.importBlocks(5);

        assertThat(decisions.approve(numbers.operator(), first, 6, six)).isEqualTo(RequestDecisions.Outcome.APPROVED);
        assertThat(decisions.approve(numbers.reviewer(), second, 5, five)).isEqualTo(RequestDecisions.Outcome.APPROVED);

        assertThat(numbers.blocksHeld(tenant)).isEqualTo(11);
    }

    @Test
    void blocksApprovedWithTwoPairsOfEyesDoNotCountAgainstTheOperatorsTotal() {
        CurrentUser admin = numbers.newTenantAdmin();
        long big = numbers.submit(admin, 11);
        long small = numbers.submit(admin, 5);
        assertThat(decisions.approve(numbers.operator(), big, 11, numbers.importBlocks(11)))
                .isEqualTo(RequestDecisions.Outcome.FIRST_APPROVAL_RECORDED);
        assertThat(decisions.approve(numbers.reviewer(), big, 11, null)).isEqualTo(RequestDecisions.Outcome.APPROVED);

        assertThat(decisions.approve(numbers.operator(), small, 5, numbers.importBlocks(5)))
                .isEqualTo(RequestDecisions.Outcome.APPROVED);
    }

    @Test
    void singleApprovalsOlderThanTheWindowNoLongerCount() {
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        long first = numbers.submit(admin, 6);
        long second = numbers.submit(admin, 5);
        long third = numbers.submit(admin, 5);
        CurrentUser operator = numbers.operator();
        assertThat(decisions.approve(operator, first, 6, numbers.importBlocks(6))).isEqualTo(RequestDecisions.Outcome.APPROVED);

        clock.advance(Duration.ofDays(29));
        assertThat(decisions.approve(operator, second, 5, numbers.importBlocks(5)))
                .isEqualTo(RequestDecisions.Outcome.FIRST_APPROVAL_RECORDED);
        clock.advance(Duration.ofDays(2));
        assertThat(decisions.approve(operator, third, 5, numbers.importBlocks(5)))
                .isEqualTo(RequestDecisions.Outcome.APPROVED);

        assertThat(numbers.blocksHeld(tenant)).isEqualTo(11);
    }

    /**
     * The deterministic race: the operator's approval of six blocks has done its work but not committed when the same
     * operator's approval of six more for the same enterprise starts. The second must wait for the first and count
     * it, not sum a window in which the first's six are still invisible.
     */
    @Test
    void anApprovalRunningAlongsideTheOperatorsUncommittedOneCountsItOnceItCommits() throws Exception {
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        long first = numbers.submit(admin, 6);
        long second = numbers.submit(admin, 6);
        List<Long> firstCodes = numbers.importBlocks(6);
        List<Long> secondCodes = numbers.importBlocks(6);
        CurrentUser operator = numbers.operator();
        TransactionTemplate open = new TransactionTemplate(transactions);
        open.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);

        Future<RequestDecisions.Outcome> racing = open.execute(status -> {
            // joins this transaction, which stays open until the other approval is waiting or done
            assertThat(decisions.approve(operator, first, 6, firstCodes)).isEqualTo(RequestDecisions.Outcome.APPROVED);
            Future<RequestDecisions.Outcome> other = pool.submit(() -> decisions.approve(operator, second, 6, secondCodes));
            awaitWaitingOrDone(other);
            return other;
        });

        assertThat(racing.get(60, TimeUnit.SECONDS)).isEqualTo(RequestDecisions.Outcome.FIRST_APPROVAL_RECORDED);
        assertThat(numbers.blocksHeld(tenant)).isEqualTo(6);
        assertThat(requests.timeline(second).get(1).note()).isEqualTo("6 + 6 = 12 > 10");
    }

    @Test
    void twoSingleApprovalsStartedAtOnceNeverBothAllocate() throws Exception {
        CurrentUser operator = numbers.operator();
        for (int round = 0; round < 3; round++) {
            CurrentUser admin = numbers.newTenantAdmin();
            TenantId tenant = admin.tenant();
            List<Long> requestIds = List.of(numbers.submit(admin, 6), numbers.submit(admin, 6));
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<RequestDecisions.Outcome>> racers = new ArrayList<>();
            for (long id : requestIds) {
                racers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return decisions.approve(operator, id, 6, null);
                }));
            }
            List<RequestDecisions.Outcome> outcomes = new ArrayList<>();
            for (Future<RequestDecisions.Outcome> racer : racers) {
                outcomes.add(racer.get(60, TimeUnit.SECONDS));
            }

            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder(RequestDecisions.Outcome.APPROVED,
                    RequestDecisions.Outcome.FIRST_APPROVAL_RECORDED);
            assertThat(numbers.blocksHeld(tenant)).isEqualTo(6);
        }
    }

    private String page(long requestId, String username) throws Exception {
        return mvc.perform(get("/operator/requests/{id}", requestId).with(TestLogins.as(accounts, username)))
                .andReturn().getResponse().getContentAsString();
    }

    /**
     * Until the approval waits in a statement on a row the open transaction wrote, or has finished without waiting
     * (bounded; no sleep). It waits on the operator's guard row here; an approval that summed the window before
     * writing any shared row would wait later, on the tenant's quota row, having already decided.
     */
    private void awaitWaitingOrDone(Future<?> approval) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!approval.isDone() && jdbc.sql("SELECT COUNT(*) FROM information_schema.PROCESSLIST "
                        + "WHERE INFO LIKE 'INSERT INTO solo_approval_guard%' OR INFO LIKE 'INSERT INTO tenant_quota%'")
                .query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("the second approval neither waited nor finished").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
