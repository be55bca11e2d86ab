package cn.np700.portal.numbers.review;

import static cn.np700.portal.numbers.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.NumberSettings;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.quotas.QuotaOverrides;
import cn.np700.portal.numbers.requests.NumberRequest;
import cn.np700.portal.numbers.requests.NumberRequests;
import cn.np700.portal.numbers.requests.RequestStatus;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccounts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Requests over the threshold (10 blocks by default) take two approvals by two different operators. */
@PortalIntegrationTest
class FourEyesTests {

    @Autowired
    RequestDecisions decisions;
    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    NumberRequests requests;
    @Autowired
    Quotas quotas;
    @Autowired
    NumberSettings settings;
    @Autowired
    TestNumbers numbers;

    @Test
    void theThresholdIsTenBlocks() {
        assertThat(settings.fourEyesThreshold()).isEqualTo(10);
    }

    @Test
    void elevenBlocksTakeAFirstApprovalThenASecondByAnotherOperator() throws Exception {
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        quotas.change(tenant, new QuotaOverrides(30, null, null, null, null, null, 0));
        List<Long> codes = numbers.importBlocks(11);
        long id = numbers.submit(admin, 11);
        CurrentUser operator = numbers.operator();
        CurrentUser reviewer = numbers.reviewer();
        assertThat(operator.userId()).isNotEqualTo(reviewer.userId());

        RequestDecisions.Outcome first = decisions.approve(operator, id, 11, codes);

        assertThat(first).isEqualTo(RequestDecisions.Outcome.FIRST_APPROVAL_RECORDED);
        NumberRequest afterFirst = requests.find(id).orElseThrow();
        assertThat(afterFirst.status()).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(afterFirst.awaitingSecondApproval()).isTrue();
        assertThat(afterFirst.firstApproverId()).isEqualTo(operator.userId());
        assertThat(afterFirst.firstApprover()).isEqualTo("operator");
        assertThat(afterFirst.firstApprovedCount()).isEqualTo(11);
        assertNothingAllocated(tenant, codes);
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "FIRST_APPROVAL");
        assertThat(numbers.audits("NUMBER_REQUEST_FIRST_APPROVAL", "NUMBER_REQUEST", Long.toString(id))).isEqualTo(1);
        assertThat(requests.open()).extracting(NumberRequest::id).contains(id);
        // the page says where the request stands, and offers the first approver no second approval to be refused
        String firstApprovers = page("operator", id);
        assertThat(firstApprovers).contains("id=\"own-first-approval\"").contains("已初审，待复核")
                .doesNotContain("id=\"approve-form\"");
        assertThat(page("reviewer", id)).contains("id=\"approve-form\"").contains("已初审，待复核")
                .doesNotContain("id=\"own-first-approval\"");

        assertRefused(() -> decisions.approve(operator, id, 11, codes), "approve.sameOperator");
        assertRefused(() -> decisions.approve(operator, id, 11, null), "approve.sameOperator");
        assertThat(requests.find(id).orElseThrow().status()).isEqualTo(RequestStatus.SUBMITTED);
        assertNothingAllocated(tenant, codes);
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "FIRST_APPROVAL");

        RequestDecisions.Outcome second = decisions.approve(reviewer, id, 11, null);

        assertThat(second).isEqualTo(RequestDecisions.Outcome.APPROVED);
        NumberRequest decided = requests.find(id).orElseThrow();
        assertThat(decided.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(decided.approvedCount()).isEqualTo(11);
        assertThat(decided.decidedBy()).isEqualTo("reviewer");
        assertThat(decided.firstApprover()).isEqualTo("operator");
        assertThat(numbers.codesOf(tenant)).containsExactlyElementsOf(codes);
        assertThat(numbers.poolSize(tenant)).isEqualTo(110_000);
        assertThat(numbers.blocksHeld(tenant)).isEqualTo(11);
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "FIRST_APPROVAL", "APPROVED");
    }

    @Test
    void theSecondOperatorConfirmsTheCountTheFirstProposed() {
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        List<Long> codes = numbers.importBlocks(2);
        long id = numbers.submit(admin, 12);

        assertThat(decisions.approve(numbers.reviewer(), id, 2, codes))
                .isEqualTo(RequestDecisions.Outcome.FIRST_APPROVAL_RECORDED);
        assertNothingAllocated(tenant, codes);

        // the second operator may not widen it: the first operator's proposal is what is allocated
        assertThat(decisions.approve(numbers.operator(), id, 12, null))
                .isEqualTo(RequestDecisions.Outcome.PARTIALLY_APPROVED);

        assertThat(numbers.codesOf(tenant)).containsExactlyElementsOf(codes);
        assertThat(numbers.poolSize(tenant)).isEqualTo(20_000);
        assertThat(numbers.blocksHeld(tenant)).isEqualTo(2);
        NumberRequest decided = requests.find(id).orElseThrow();
        assertThat(decided.status()).isEqualTo(RequestStatus.PARTIALLY_APPROVED);
        assertThat(decided.approvedCount()).isEqualTo(2);
        assertThat(decided.decidedBy()).isEqualTo("operator");
    }

    @Test
    void tenBlocksTakeOneApproval() {
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        List<Long> codes = numbers.importBlocks(1);
        long id = numbers.submit(admin, 10);

        assertThat(decisions.approve(numbers.operator(), id, 1, codes))
                .isEqualTo(RequestDecisions.Outcome.PARTIALLY_APPROVED);

        assertThat(numbers.codesOf(tenant)).containsExactlyElementsOf(codes);
        assertThat(requests.find(id).orElseThrow().firstApproverId()).isNull();
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "PARTIALLY_APPROVED");
    }

    @Test
    void aRequestAwaitingItsSecondApprovalCanStillBeRejected() {
        CurrentUser admin = numbers.newTenantAdmin();
        TenantId tenant = admin.tenant();
        List<Long> codes = numbers.importBlocks(1);
        long id = numbers.submit(admin, 11);
        decisions.approve(numbers.operator(), id, 1, codes);

        decisions.reject(numbers.reviewer(), id, "第二审核人不同意");

        assertThat(numbers.requestStatus(id)).isEqualTo(RequestStatus.REJECTED);
        assertRefused(() -> decisions.approve(numbers.reviewer(), id, 1, null), "request.notOpen");
        assertNothingAllocated(tenant, codes);
        assertThat(numbers.timeline(id)).containsExactly("SUBMITTED", "FIRST_APPROVAL", "REJECTED");
    }

    private void assertNothingAllocated(TenantId tenant, List<Long> codes) {
        assertThat(codes).allSatisfy(c -> assertThat(numbers.status(c)).isEqualTo(BlockStatus.IN_INVENTORY));
        assertThat(numbers.blocksOf(tenant)).isZero();
        assertThat(numbers.poolSize(tenant)).isZero();
        assertThat(numbers.blocksHeld(tenant)).isZero();
    }

    private String page(String username, long id) throws Exception {
        return mvc.perform(get("/operator/requests/" + id)
                        .with(TestLogins.as(accounts, username)))
                .andReturn().getResponse().getContentAsString();
    }
}
