package cn.np700.portal.numbers.history;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.NumberStatus;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.numbers.release.BlockRelease;
import cn.np700.portal.numbers.review.RequestDecisions;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.CurrentUser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Traceability: for any number or block, who was granted it, who asked for it, who allocated it, and what followed. */
@PortalIntegrationTest
class NumberHistoryTests {

    private static final Scope PLATFORM = Scope.job("test");

    @Autowired
    NumberHistory history;
    @Autowired
    RequestDecisions decisions;
    @Autowired
    NumberSuspensions suspensions;
    @Autowired
    BlockRelease release;
    @Autowired
    TestNumbers numbers;

    @Test
    void aNumbersHistoryRunsFromTheGrantThroughAllocationAndSuspensionToRelease() {
        List<Long> codes = numbers.importBlocks(2);
        BlockCode block = BlockCode.of(codes.get(1));
        CurrentUser admin = numbers.newTenantAdmin();
        long tenant = admin.tenant().value();
        long requestId = numbers.signedInAs(admin.username(), () -> numbers.submit(admin, 1));
        numbers.signedInAs("operator", () -> decisions.approve(numbers.operator(), requestId, 1, List.of(block.value())));
        UsageNumber number = new UsageNumber(block.firstNumber() + 1234);
        UsageNumber untouched = new UsageNumber(block.firstNumber() + 1235);
        numbers.signedInAs("operator", () -> {
            suspensions.suspendNumber(number, "投诉核查");
            return null;
        });
        // a block with a suspended number is taken back by an operator; its tenant may not release it
        numbers.signedInAs("operator", () -> {
            release.reclaim(block, null);
            return null;
        });

        NumberHistory.View view = history.lookUp(PLATFORM, number.display()).orElseThrow();

        assertThat(view.number()).isEqualTo(number);
        assertThat(view.block().code()).isEqualTo(block.value());
        assertThat(view.block().status()).isEqualTo(BlockStatus.COOLING);
        assertThat(view.poolNumber()).isEmpty();
        assertThat(view.grant().source()).isEqualTo("RANGE");
        assertThat(view.grant().blocks()).isEqualTo(2);
        assertThat(view.grant().firstCode()).isEqualTo(codes.get(0));
        assertThat(view.grant().lastCode()).isEqualTo(codes.get(1));
        assertThat(view.entries()).extracting(AuditEntry::action).containsExactly(
                "BLOCKS_IMPORTED",
                "NUMBER_REQUEST_SUBMITTED",
                "BLOCK_ALLOCATED",
                "NUMBER_REQUEST_APPROVED",
                "NUMBER_SUSPENDED",
                "BLOCK_RECLAIMED");
        assertThat(view.entries()).extracting(AuditEntry::id).isSorted();
        assertThat(view.entries()).extracting(AuditEntry::actor).containsExactly(
                "system", admin.username(), "operator", "operator", "operator", "operator");
        AuditEntry allocated = view.entries().get(2);
        assertThat(allocated.tenantId()).isEqualTo(TenantId.of(tenant));
        assertThat(allocated.details()).contains("\"requestId\":" + requestId);
        assertThat(view.entries().get(1).targetId()).isEqualTo(Long.toString(requestId));

        // the neighbour shares the block's chain but not the other number's suspension
        assertThat(history.lookUp(PLATFORM, untouched.digits()).orElseThrow().entries()).extracting(AuditEntry::action)
                .containsExactly("BLOCKS_IMPORTED", "NUMBER_REQUEST_SUBMITTED", "BLOCK_ALLOCATED",
                        "NUMBER_REQUEST_APPROVED", "BLOCK_RECLAIMED");
        // so does the block code itself
        assertThat(history.lookUp(PLATFORM, block.display()).orElseThrow().entries()).extracting(AuditEntry::action)
                .containsExactly("BLOCKS_IMPORTED", "NUMBER_REQUEST_SUBMITTED", "BLOCK_ALLOCATED",
                        "NUMBER_REQUEST_APPROVED", "BLOCK_RECLAIMED");
    }

    @Test
    void aHeldNumberShowsItsPoolState() {
        TestNumbers.Holding holding = numbers.holding(1);
        UsageNumber number = holding.number(77);
        numbers.seedLiveBindings(number, 3);

        NumberHistory.View view = history.lookUp(PLATFORM, number.digits()).orElseThrow();

        assertThat(view.block().status()).isEqualTo(BlockStatus.ALLOCATED);
        assertThat(view.block().tenantId()).isEqualTo(holding.tenant());
        assertThat(view.block().requestId()).isEqualTo(holding.requestId());
        assertThat(view.poolNumber()).hasValueSatisfying(p -> {
            assertThat(p.status()).isEqualTo(NumberStatus.AVAILABLE);
            assertThat(p.liveBindings()).isEqualTo(3);
            assertThat(p.state()).isEqualTo("IN_USE");
        });
        assertThat(view.entries()).extracting(AuditEntry::action).contains("NUMBER_REQUEST_SUBMITTED", "BLOCK_ALLOCATED");
    }

    @Test
    void somethingThatIsNotA700NumberOrWasNeverGrantedHasNoHistory() {
        long neverGranted = numbers.freshCodes(1);

        assertThat(history.lookUp(PLATFORM, "13800138000")).isEmpty();
        assertThat(history.lookUp(PLATFORM, "800123456789012")).isEmpty();
        assertThat(history.lookUp(PLATFORM, "abc")).isEmpty();
        assertThat(history.lookUp(PLATFORM, Long.toString(neverGranted))).isEmpty();
        assertThat(history.lookUp(PLATFORM, neverGranted + "0001")).isEmpty();
    }
}
