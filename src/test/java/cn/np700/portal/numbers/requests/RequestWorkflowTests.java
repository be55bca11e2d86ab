package cn.np700.portal.numbers.requests;

import static cn.np700.portal.numbers.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.allocation.BlockAllocation;
import cn.np700.portal.numbers.quotas.QuotaOverrides;
import cn.np700.portal.numbers.review.RequestDecisions;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The request state machine: submit, approve all or part, reject, withdraw; no other transition is reachable. */
@PortalIntegrationTest
class RequestWorkflowTests {

    @Autowired
    RequestSubmission submission;
    @Autowired
    RequestDecisions decisions;
    @Autowired
    NumberRequests requests;
    @Autowired
    Quotas quotas;
    @Autowired
    TestNumbers numbers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void aSubmittedRequestIsStoredOpenWithItsFirstTimelineStepAndAudit() {
        CurrentUser admin = numbers.newTenantAdmin();

        long id = numbers.submit(admin, 2);

        NumberRequest request = requests.findOfTenant(admin.tenant(), id).orElseThrow();
        assertThat(request.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(request.blocksRequested()).isEqualTo(2);
        assertThat(request.scenario()).isEqualTo("FOOD_DELIVERY");
        assertThat(request.expectedDailyBindings()).isEqualTo(50_000);
        assertThat(request.submittedBy()).isEqualTo(admin.username());
        assertThat(requests.open()).extracting(NumberRequest::id).contains(id);
        assertThat(requests.timeline(id)).extracting(NumberRequests.TimelineStep::step).containsExactly("SUBMITTED");
        assertThat(numbers.audits("NUMBER_REQUEST_SUBMITTED", "NUMBER_REQUEST", Long.toString(id))).isEqualTo(1);
    }

    @Test
    void approvingAllHandsOverTheBlocksAndTenThousandNumbersEach() {
        List<Long> codes = numbers.importBlocks(2);
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        long id = numbers.submit(admin, 2);

        RequestDecisions.Outcome outcome = decisions.approve(numbers.operator(), id, 2, codes);

        assertThat(outcome).isEqualTo(RequestDecisions.Outcome.APPROVED);
        NumberRequest request = requests.find(id).orElseThrow();
        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.approvedCount()).isEqualTo(2);
        assertThat(request.decidedBy()).isEqualTo("operator");
        assertThat(request.decidedAt()).isNotNull();
        assertThat(numbers.codesOf(tenant)).containsExactlyElementsOf(codes);
        for (long code : codes) {
            assertThat(numbers.status(code)).isEqualTo(BlockStatus.ALLOCATED);
            assertThat(jdbc.sql("SELECT request_id FROM number_block WHERE code = ?").param(code).query(Long.class).single())
                    .isEqualTo(id);
            assertThat(numbers.poolNumbersOf(BlockCode.of(code))).isEqualTo(10_000);
            assertThat(numbers.audits("BLOCK_ALLOCATED", "NUMBER_BLOCK", Long.toString(code))).isEqualTo(1);
        }
        assertThat(numbers.poolSize(tenant)).isEqualTo(20_000);
        assertThat(jdbc.sql("SELECT MIN(number), MAX(number) FROM pool_number WHERE tenant_id = ?").param(tenant)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .containsExactly(codes.get(0) * 10_000, codes.get(1) * 10_000 + 9_999);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE tenant_id = ? AND status = 'AVAILABLE' AND live_bindings = 0")
                .param(tenant).query(Long.class).single()).isEqualTo(20_000);
        assertThat(numbers.blocksHeld(tenant)).isEqualTo(2);
        assertThat(quotas.of(tenant).blocksRemaining()).isEqualTo(quotas.of(tenant).maxBlocks() - 2);
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "APPROVED");
        assertThat(requests.timeline(id).get(1).actor()).isEqualTo("operator");
        assertThat(requests.timeline(id).get(1).note()).contains(Long.toString(codes.get(0)), Long.toString(codes.get(1)));
        assertThat(numbers.audits("NUMBER_REQUEST_APPROVED", "NUMBER_REQUEST", Long.toString(id))).isEqualTo(1);
        assertThat(requests.open()).extracting(NumberRequest::id).doesNotContain(id);
    }

    @Test
    void approvingFewerBlocksIsAPartialApprovalWithAutomaticChoice() {
        numbers.importBlocks(4);
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        long id = numbers.submit(admin, 3);

        RequestDecisions.Outcome outcome = decisions.approve(numbers.reviewer(), id, 1, null);

        assertThat(outcome).isEqualTo(RequestDecisions.Outcome.PARTIALLY_APPROVED);
        assertThat(numbers.requestStatus(id)).isEqualTo(RequestStatus.PARTIALLY_APPROVED);
        assertThat(requests.find(id).orElseThrow().approvedCount()).isEqualTo(1);
        assertThat(numbers.blocksOf(tenant)).isEqualTo(1);
        assertThat(numbers.poolSize(tenant)).isEqualTo(10_000);
        assertThat(numbers.blocksHeld(tenant)).isEqualTo(1);
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "PARTIALLY_APPROVED");
        assertThat(numbers.audits("NUMBER_REQUEST_PARTIALLY_APPROVED", "NUMBER_REQUEST", Long.toString(id))).isEqualTo(1);
    }

    @Test
    void anApprovalOutsideOneToTheRequestedCountOrWithTheWrongNumberOfPicksChangesNothing() {
        List<Long> codes = numbers.importBlocks(3);
        CurrentUser admin = numbers.newTenantAdmin();
        long id = numbers.submit(admin, 2);

        assertRefused(() -> decisions.approve(numbers.operator(), id, 3, null), "approve.blocks.range");
        assertRefused(() -> decisions.approve(numbers.operator(), id, 0, null), "approve.blocks.range");
        assertRefused(() -> decisions.approve(numbers.operator(), id, 2, codes), "approve.picks.count");

        assertUntouched(id, admin.tenant());
        assertThat(codes).allSatisfy(c -> assertThat(numbers.status(c)).isEqualTo(BlockStatus.IN_INVENTORY));
    }

    @Test
    void rejectingNeedsAReasonAndThenClosesTheRequest() {
        CurrentUser admin = numbers.newTenantAdmin();
        long id = numbers.submit(admin, 1);

        assertRefused(() -> decisions.reject(numbers.operator(), id, null), "reject.reasonRequired");
        assertRefused(() -> decisions.reject(numbers.operator(), id, "   "), "reject.reasonRequired");
        assertRefused(() -> decisions.reject(numbers.operator(), id, "理".repeat(1001)), "reject.reasonTooLong");
        assertUntouched(id, admin.tenant());

        decisions.reject(numbers.operator(), id, "  申请理由与业务规模不符  ");

        NumberRequest request = requests.find(id).orElseThrow();
        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(request.reason()).isEqualTo("申请理由与业务规模不符");
        assertThat(request.decidedBy()).isEqualTo("operator");
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "REJECTED");
        assertThat(numbers.audits("NUMBER_REQUEST_REJECTED", "NUMBER_REQUEST", Long.toString(id))).isEqualTo(1);
        assertThat(numbers.blocksOf(admin.tenant())).isZero();
    }

    @Test
    void theTenantWithdrawsWhileSubmittedButNotAfterwards() {
        CurrentUser admin = numbers.newTenantAdmin();
        long id = numbers.submit(admin, 1);

        submission.withdraw(admin, id);

        assertThat(numbers.requestStatus(id)).isEqualTo(RequestStatus.WITHDRAWN);
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "WITHDRAWN");
        assertThat(numbers.audits("NUMBER_REQUEST_WITHDRAWN", "NUMBER_REQUEST", Long.toString(id))).isEqualTo(1);

        assertRefused(() -> submission.withdraw(admin, id), "request.notOpen");
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "WITHDRAWN");
    }

    @Test
    void aDecidedRequestCannotBeWithdrawn() {
        List<Long> codes = numbers.importBlocks(1);
        CurrentUser admin = numbers.newTenantAdmin();
        long id = numbers.submit(admin, 1);
        decisions.approve(numbers.operator(), id, 1, codes);

        assertRefused(() -> submission.withdraw(admin, id), "request.notOpen");

        assertThat(numbers.requestStatus(id)).isEqualTo(RequestStatus.APPROVED);
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "APPROVED");
        assertThat(numbers.codesOf(admin.tenant())).containsExactlyElementsOf(codes);
    }

    @Test
    void noDecisionReachesARequestAlreadyApproved() {
        List<Long> codes = numbers.importBlocks(2);
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        long id = numbers.submit(admin, 2);
        decisions.approve(numbers.operator(), id, 1, codes.subList(0, 1));

        assertRefused(() -> decisions.approve(numbers.reviewer(), id, 1, codes.subList(1, 2)), "request.notOpen");
        assertRefused(() -> decisions.approve(numbers.reviewer(), id, 1, null), "request.notOpen");
        assertRefused(() -> decisions.reject(numbers.reviewer(), id, "改主意了"), "request.notOpen");

        NumberRequest request = requests.find(id).orElseThrow();
        assertThat(request.status()).isEqualTo(RequestStatus.PARTIALLY_APPROVED);
        assertThat(request.approvedCount()).isEqualTo(1);
        assertThat(request.decidedBy()).isEqualTo("operator");
        assertThat(request.reason()).isNull();
        assertThat(numbers.codesOf(tenant)).containsExactly(codes.get(0));
        assertThat(numbers.status(codes.get(1))).isEqualTo(BlockStatus.IN_INVENTORY);
        assertThat(numbers.poolSize(tenant)).isEqualTo(10_000);
        assertThat(numbers.blocksHeld(tenant)).isEqualTo(1);
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "PARTIALLY_APPROVED");
    }

    @Test
    void noDecisionReachesARequestRejectedOrWithdrawn() {
        List<Long> codes = numbers.importBlocks(1);
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        long rejected = numbers.submit(admin, 1);
        decisions.reject(numbers.operator(), rejected, "资料不全");
        long withdrawn = numbers.submit(admin, 1);
        submission.withdraw(admin, withdrawn);

        for (long id : List.of(rejected, withdrawn)) {
            assertRefused(() -> decisions.approve(numbers.operator(), id, 1, codes), "request.notOpen");
            assertRefused(() -> decisions.approve(numbers.reviewer(), id, 1, null), "request.notOpen");
            assertRefused(() -> decisions.reject(numbers.reviewer(), id, "再拒一次"), "request.notOpen");
        }

        assertThat(numbers.requestStatus(rejected)).isEqualTo(RequestStatus.REJECTED);
        assertThat(requests.find(rejected).orElseThrow().reason()).isEqualTo("资料不全");
        assertThat(numbers.timeline(rejected)).containsExactly("SUBMITTED", "REJECTED");
        assertThat(numbers.requestStatus(withdrawn)).isEqualTo(RequestStatus.WITHDRAWN);
        assertThat(numbers.timeline(withdrawn)).containsExactly("SUBMITTED", "WITHDRAWN");
        assertThat(numbers.status(codes.get(0))).isEqualTo(BlockStatus.IN_INVENTORY);
        assertThat(numbers.blocksOf(tenant)).isZero();
        assertThat(numbers.poolSize(tenant)).isZero();
        assertThat(numbers.blocksHeld(tenant)).isZero();
    }

    @Test
    void anotherTenantCannotWithdrawARequestItDoesNotOwn() {
        CurrentUser owner = numbers.newTenantAdmin();
        CurrentUser stranger = numbers.newTenantAdmin();
        long id = numbers.submit(owner, 1);

        assertThatThrownBy(() -> submission.withdraw(stranger, id)).isInstanceOf(NotFoundException.class);

        assertThat(numbers.requestStatus(id)).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED");
        assertThat(requests.findOfTenant(stranger.tenant(), id)).isEmpty();
        assertThat(requests.ofTenant(stranger.tenant(), 10)).isEmpty();
    }

    @Test
    void aDecisionOnARequestThatDoesNotExistIsNotFound() {
        long missing = jdbc.sql("SELECT COALESCE(MAX(id), 0) + 1000 FROM number_request").query(Long.class).single();

        assertThatThrownBy(() -> decisions.approve(numbers.operator(), missing, 1, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> decisions.reject(numbers.operator(), missing, "不存在"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRequestOverTheRemainingQuotaIsRefusedAtSubmission() {
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        quotas.change(tenant, new QuotaOverrides(3, null, null, null, null, null, 0));
        List<Long> codes = numbers.importBlocks(2);
        long first = numbers.submit(admin, 2);
        decisions.approve(numbers.operator(), first, 2, codes);
        long before = requests.ofTenant(tenant, 100).size();

        assertRefused(() -> numbers.submit(admin, 2), "request.blocks.overQuota");
        assertRefused(() -> numbers.submit(admin, 0), "request.blocks.min");

        assertThat(requests.ofTenant(tenant, 100)).hasSize((int) before);
        long last = numbers.submit(admin, 1);
        assertThat(numbers.requestStatus(last)).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    void theDefaultQuotaIsTwentyBlocks() {
        CurrentUser admin = numbers.newTenantAdmin();

        assertRefused(() -> numbers.submit(admin, 21), "request.blocks.overQuota");

        assertThat(requests.ofTenant(admin.tenant(), 10)).isEmpty();
        assertThat(numbers.requestStatus(numbers.submit(admin, 20))).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    void blocksPickedByHandMustBeInInventory() {
        TestNumbers.Holding other = numbers.holding(1);
        long neverGranted = numbers.freshCodes(1);
        long free = numbers.importBlocks(1).get(0);
        CurrentUser admin = numbers.newTenantAdmin();
        long id = numbers.submit(admin, 2);

        // one held by another tenant, one never granted to the platform
        assertThatThrownBy(() -> decisions.approve(numbers.operator(), id, 2, List.of(free, other.codes().get(0))))
                .isInstanceOfSatisfying(BlockAllocation.BlocksTaken.class, e -> {
                    assertThat(e.key()).isEqualTo("approve.blocksTaken");
                    assertThat(e.args()).containsExactly(other.block().display());
                });
        assertRefused(() -> decisions.approve(numbers.operator(), id, 1, List.of(neverGranted)), "approve.blocksTaken");

        assertUntouched(id, admin.tenant());
        assertThat(numbers.status(free)).isEqualTo(BlockStatus.IN_INVENTORY);
        assertThat(numbers.holderOf(other.codes().get(0))).isEqualTo(other.tenantId());
        assertThat(numbers.poolSize(other.tenant())).isEqualTo(10_000);
    }

    @Test
    void aSuspendedTenantCannotRequestAndIsNotAllocatedBlocks() {
        List<Long> codes = numbers.importBlocks(1);
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        long id = numbers.submit(admin, 1);
        jdbc.sql("UPDATE tenant SET status = 'SUSPENDED' WHERE id = ?").param(tenant).update();

        assertRefused(() -> numbers.submit(admin, 1), "request.tenantInactive");
        assertRefused(() -> decisions.approve(numbers.operator(), id, 1, codes), "approve.tenantInactive");

        assertUntouched(id, tenant);
        assertThat(requests.ofTenant(tenant, 10)).hasSize(1);
        assertThat(numbers.status(codes.get(0))).isEqualTo(BlockStatus.IN_INVENTORY);
    }

    /**
     * The approval's check that the tenant is active writes the tenant row (a read lock would not reach the other nodes
     * of a Galera cluster): a suspension still uncommitted when the approval checks makes it wait, and once the
     * suspension commits the approval is refused and leaves nothing.
     */
    @Test
    void anApprovalThatMeetsASuspensionInProgressWaitsForItAndIsRefused() throws Exception {
        List<Long> codes = numbers.importBlocks(1);
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        long id = numbers.submit(admin, 1);
        ExecutorService operator = Executors.newSingleThreadExecutor();
        try (Connection suspension = dataSource.getConnection()) {
            suspension.setAutoCommit(false);
            try (PreparedStatement suspend = suspension.prepareStatement("UPDATE tenant SET status = 'SUSPENDED' WHERE id = ?")) {
                suspend.setLong(1, tenant.value());
                suspend.executeUpdate();
            }
            Future<?> approval = operator.submit(() -> decisions.approve(numbers.operator(), id, 1, codes));
            // the approval's statement on the tenant row, waiting (the portal's user sees its own sessions)
            await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("""
                    SELECT COUNT(*) FROM information_schema.PROCESSLIST
                    WHERE COMMAND IN ('Query', 'Execute') AND INFO LIKE '%tenant%' AND INFO NOT LIKE '%PROCESSLIST%'""")
                    .query(Long.class).single() > 0);
            suspension.commit();

            assertRefused(() -> {
                try {
                    approval.get();
                } catch (ExecutionException e) {
                    throw (RuntimeException) e.getCause();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, "approve.tenantInactive");
        } finally {
            operator.shutdown();
        }
        assertUntouched(id, tenant);
    }

    @Test
    void quotasFallBackToThePlatformDefaultsAndEveryChangeIsAudited() {
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();

        TenantQuota defaults = quotas.of(tenant);
        assertThat(defaults.maxBlocks()).isEqualTo(20);
        assertThat(defaults.maxPairsPerX()).isEqualTo(1_000);
        assertThat(defaults.maxBindingLifetime()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(defaults.maxBPerAPerDay()).isEqualTo(50);
        assertThat(defaults.blocksHeld()).isZero();

        quotas.change(tenant, new QuotaOverrides(5, null, null, 200, 60, null, 99));

        TenantQuota own = quotas.of(tenant);
        assertThat(own.maxBlocks()).isEqualTo(5);
        assertThat(own.maxPairsPerX()).isEqualTo(200);
        assertThat(own.maxBindingLifetime()).isEqualTo(java.time.Duration.ofMinutes(60));
        assertThat(own.maxBPerAPerDay()).isEqualTo(50);
        assertThat(own.maxActiveBindings()).isEqualTo(defaults.maxActiveBindings());
        assertThat(own.blocksHeld()).as("the held count is not the form's to set").isZero();
        assertThat(numbers.audits("QUOTA_CHANGED", "TENANT", tenant.toString())).isEqualTo(1);
        assertThat(numbers.auditDetails("QUOTA_CHANGED", "TENANT", tenant.toString()).get(0))
                .contains("maxBlocks", "maxPairsPerX", "maxBindingLifetimeMinutes").doesNotContain("maxBPerAPerDay");

        quotas.change(tenant, new QuotaOverrides(5, null, null, 200, 60, null, 0));
        assertThat(numbers.audits("QUOTA_CHANGED", "TENANT", tenant.toString())).as("no change, no entry").isEqualTo(1);

        quotas.change(tenant, new QuotaOverrides(null, null, null, null, null, null, 0));
        assertThat(quotas.of(tenant).maxBlocks()).isEqualTo(20);
        assertThat(numbers.audits("QUOTA_CHANGED", "TENANT", tenant.toString())).isEqualTo(2);
    }

    private void assertUntouched(long id, TenantId tenant) {
        NumberRequest request = requests.find(id).orElseThrow();
        assertThat(request.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(request.approvedCount()).isNull();
        assertThat(request.decidedBy()).isNull();
        assertThat(request.reason()).isNull();
        assertThat(request.firstApproverId()).isNull();
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED");
        assertThat(numbers.blocksOf(tenant)).isZero();
        assertThat(numbers.poolSize(tenant)).isZero();
        assertThat(numbers.blocksHeld(tenant)).isZero();
    }
}
