package cn.np700.portal.numbers;

import static cn.np700.portal.numbers.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.numbers.review.RequestDecisions;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.suspension.SuspensionSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A number or a whole block suspended with a reason; a number's own suspension outlives its block's, and an operator's
 * restore lifts only the operator's own reason.
 */
@PortalIntegrationTest
class SuspensionTests {

    @Autowired
    NumberSuspensions suspensions;
    @Autowired
    RequestDecisions decisions;
    @Autowired
    TestNumbers numbers;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aNumberSuspendedOnItsOwnStaysSuspendedWhenItsBlockIsRestored() {
        TestNumbers.Holding holding = numbers.holding(1);
        BlockCode block = holding.block();
        UsageNumber alone = holding.number(17);
        UsageNumber neighbour = holding.number(18);

        suspensions.suspendNumber(alone, "  用户投诉营销来电  ");

        assertThat(numbers.numberStatus(alone)).isEqualTo(NumberStatus.SUSPENDED);
        assertThat(reasonOf(alone)).isEqualTo("用户投诉营销来电");
        assertThat(numbers.numberStatus(neighbour)).isEqualTo(NumberStatus.AVAILABLE);
        assertThat(countIn(block, "SUSPENDED")).isEqualTo(1);
        assertThat(numbers.audits("NUMBER_SUSPENDED", "NUMBER", alone.digits())).isEqualTo(1);
        assertThat(tenantOfAudit("NUMBER_SUSPENDED", "NUMBER", alone.digits())).isEqualTo(holding.tenantId());

        suspensions.suspendBlock(block, "批量投诉，整段核查");

        assertThat(blockReason(block)).isEqualTo("批量投诉，整段核查");
        assertThat(numbers.status(block.value())).isEqualTo(BlockStatus.ALLOCATED);
        assertThat(numbers.numberStatus(alone)).isEqualTo(NumberStatus.SUSPENDED);
        assertThat(numbers.numberStatus(neighbour)).isEqualTo(NumberStatus.BLOCK_SUSPENDED);
        assertThat(countIn(block, "BLOCK_SUSPENDED")).isEqualTo(9_999);
        assertThat(countIn(block, "AVAILABLE")).isZero();
        assertThat(numbers.audits("BLOCK_SUSPENDED", "NUMBER_BLOCK", block.digits())).isEqualTo(1);

        suspensions.restoreBlock(block, "核查完毕，恢复整段");

        assertThat(blockReason(block)).isNull();
        assertThat(numbers.numberStatus(alone)).isEqualTo(NumberStatus.SUSPENDED);
        assertThat(reasonOf(alone)).isEqualTo("用户投诉营销来电");
        assertThat(numbers.numberStatus(neighbour)).isEqualTo(NumberStatus.AVAILABLE);
        assertThat(countIn(block, "AVAILABLE")).isEqualTo(9_999);
        assertThat(numbers.audits("BLOCK_UNSUSPENDED", "NUMBER_BLOCK", block.digits())).isEqualTo(1);

        suspensions.restoreNumber(alone, "投诉不成立");

        assertThat(numbers.numberStatus(alone)).isEqualTo(NumberStatus.AVAILABLE);
        assertThat(reasonOf(alone)).isNull();
        assertThat(countIn(block, "AVAILABLE")).isEqualTo(10_000);
        assertThat(numbers.audits("NUMBER_UNSUSPENDED", "NUMBER", alone.digits())).isEqualTo(1);
        assertThat(numbers.auditDetails("NUMBER_UNSUSPENDED", "NUMBER", alone.digits()).get(0)).contains("投诉不成立");
    }

    @Test
    void aNumberRestoredWhileItsBlockIsSuspendedStaysSuspendedWithTheBlock() {
        TestNumbers.Holding holding = numbers.holding(1);
        UsageNumber number = holding.number(5_000);
        suspensions.suspendNumber(number, "单号投诉");
        suspensions.suspendBlock(holding.block(), "整段暂停");

        suspensions.restoreNumber(number, "单号核查完毕");

        assertThat(numbers.numberStatus(number)).isEqualTo(NumberStatus.BLOCK_SUSPENDED);
        suspensions.restoreBlock(holding.block(), "整段恢复");
        assertThat(numbers.numberStatus(number)).isEqualTo(NumberStatus.AVAILABLE);
        assertThat(countIn(holding.block(), "AVAILABLE")).isEqualTo(10_000);
    }

    @Test
    void anOperatorsRestoreLiftsOnlyTheOperatorsOwnReason() {
        TestNumbers.Holding holding = numbers.holding(1);
        UsageNumber number = holding.number(9);
        suspensions.suspendFor(number, SuspensionSource.ALERT, "31", "system", "risk alert 31: SHORT_CALLS");

        assertRefused(() -> suspensions.restoreNumber(number, "看错了"), "restore.otherReasons");
        assertThat(numbers.numberStatus(number)).isEqualTo(NumberStatus.SUSPENDED);

        suspensions.suspendNumber(number, "运营核查");
        suspensions.restoreNumber(number, "运营核查完毕");

        assertThat(numbers.numberStatus(number)).isEqualTo(NumberStatus.SUSPENDED);
        assertThat(reasonOf(number)).isEqualTo("risk alert 31: SHORT_CALLS");
        assertThat(suspensions.heldBy(number, SuspensionSource.ALERT, "31")).isTrue();
        assertThat(suspensions.liftFor(number, SuspensionSource.ALERT, "31", "operator", "告警误报")).isTrue();
        assertThat(numbers.numberStatus(number)).isEqualTo(NumberStatus.AVAILABLE);
        assertThat(reasonOf(number)).isNull();
        assertThat(suspensions.reasons(number)).hasSize(2).noneMatch(cn.np700.portal.suspension.SuspensionReason::open);
    }

    @Test
    void aReasonIsRequiredAndNothingChangesWithoutOne() {
        TestNumbers.Holding holding = numbers.holding(1);
        UsageNumber number = holding.number(3);

        for (String missing : new String[] {null, "", "   "}) {
            assertRefused(() -> suspensions.suspendNumber(number, missing), "reason.required");
            assertRefused(() -> suspensions.suspendBlock(holding.block(), missing), "reason.required");
        }
        assertRefused(() -> suspensions.suspendNumber(number, "长".repeat(501)), "reason.tooLong");

        assertThat(countIn(holding.block(), "AVAILABLE")).isEqualTo(10_000);
        assertThat(blockReason(holding.block())).isNull();
        assertThat(numbers.audits("NUMBER_SUSPENDED", "NUMBER", number.digits())).isZero();
        assertThat(numbers.audits("BLOCK_SUSPENDED", "NUMBER_BLOCK", holding.block().digits())).isZero();

        suspensions.suspendNumber(number, "有理由");
        suspensions.suspendBlock(holding.block(), "有理由");
        for (String missing : new String[] {null, "  "}) {
            assertRefused(() -> suspensions.restoreNumber(number, missing), "reason.required");
            assertRefused(() -> suspensions.restoreBlock(holding.block(), missing), "reason.required");
        }
        assertThat(numbers.numberStatus(number)).isEqualTo(NumberStatus.SUSPENDED);
        assertThat(blockReason(holding.block())).isEqualTo("有理由");
        assertThat(countIn(holding.block(), "BLOCK_SUSPENDED")).isEqualTo(9_999);
    }

    @Test
    void suspendingTwiceOrRestoringWhatIsNotSuspendedIsRefused() {
        TestNumbers.Holding holding = numbers.holding(1);
        UsageNumber number = holding.number(0);

        assertRefused(() -> suspensions.restoreNumber(number, "没暂停过"), "restore.notSuspended");
        assertRefused(() -> suspensions.restoreBlock(holding.block(), "没暂停过"), "restore.notSuspended");
        suspensions.suspendNumber(number, "第一次");
        assertRefused(() -> suspensions.suspendNumber(number, "第二次"), "suspend.already");
        suspensions.suspendBlock(holding.block(), "第一次");
        assertRefused(() -> suspensions.suspendBlock(holding.block(), "第二次"), "suspend.already");

        assertThat(reasonOf(number)).isEqualTo("第一次");
        assertThat(blockReason(holding.block())).isEqualTo("第一次");
        assertThat(numbers.audits("NUMBER_SUSPENDED", "NUMBER", number.digits())).isEqualTo(1);
        assertThat(numbers.audits("BLOCK_SUSPENDED", "NUMBER_BLOCK", holding.block().digits())).isEqualTo(1);
    }

    @Test
    void onlyNumbersAndBlocksHeldByATenantCanBeSuspended() {
        long code = numbers.importBlocks(1).get(0);
        BlockCode inInventory = BlockCode.of(code);

        assertRefused(() -> suspensions.suspendNumber(new UsageNumber(inInventory.firstNumber()), "不在号码池"),
                "number.notInPool");
        assertRefused(() -> suspensions.suspendBlock(inInventory, "未分配"), "block.notAllocated");
        assertThat(blockReason(inInventory)).isNull();
    }

    @Test
    void aBlockIsRetiredOnlyFromInventoryOrCoolingAndIsNeverHandedOutAgain() {
        long code = numbers.importBlocks(1).get(0);
        TestNumbers.Holding holding = numbers.holding(1);

        assertRefused(() -> suspensions.retire(holding.block(), "误授"), "retire.notAllowed");
        assertRefused(() -> suspensions.retire(BlockCode.of(code), " "), "reason.required");
        assertThat(numbers.status(code)).isEqualTo(BlockStatus.IN_INVENTORY);

        suspensions.retire(BlockCode.of(code), "工信部收回");

        assertThat(numbers.status(code)).isEqualTo(BlockStatus.RETIRED);
        assertThat(numbers.status(holding.codes().get(0))).isEqualTo(BlockStatus.ALLOCATED);
        assertThat(numbers.audits("BLOCK_RETIRED", "NUMBER_BLOCK", Long.toString(code))).isEqualTo(1);
        assertRefused(() -> suspensions.retire(BlockCode.of(code), "再收回"), "retire.notAllowed");
        long request = numbers.submit(numbers.newTenantAdmin(), 1);
        assertRefused(() -> decisions.approve(numbers.operator(), request, 1, List.of(code)), "approve.blocksTaken");
    }

    private long countIn(BlockCode block, String status) {
        return jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE number BETWEEN ? AND ? AND status = ?")
                .params(block.firstNumber(), block.lastNumber(), status).query(Long.class).single();
    }

    private String reasonOf(UsageNumber number) {
        List<String> reason = jdbc.sql("SELECT suspended_reason FROM pool_number WHERE number = ?").param(number.value())
                .query(String.class).list();
        return reason.get(0);
    }

    private String blockReason(BlockCode block) {
        return jdbc.sql("SELECT suspended_reason FROM number_block WHERE code = ?").param(block.value())
                .query(String.class).list().get(0);
    }

    private Long tenantOfAudit(String action, String type, String id) {
        return jdbc.sql("SELECT tenant_id FROM audit_entry WHERE action = ? AND target_type = ? AND target_id = ?")
                .params(action, type, id).query(Long.class).single();
    }
}
