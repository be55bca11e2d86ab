package cn.np700.portal.numbers.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.NumberStatus;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.quotas.QuotaOverrides;
import cn.np700.portal.numbers.requests.RequestStatus;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccounts;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The defects a review of the number pages found, each pinned by the behaviour that replaced it. */
@PortalIntegrationTest
class ReviewFindingsTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestNumbers numbers;
    @Autowired
    RequestDecisions decisions;
    @Autowired
    Quotas quotas;
    @Autowired
    JdbcClient jdbc;

    private MockMultipartFile csv(String content, Charset charset) {
        return new MockMultipartFile("file", "grant.csv", "text/csv", content.getBytes(charset));
    }

    @Test
    void aCsvLineWithMissingFieldsIsReportedByLineNotAServerError() throws Exception {
        long first = numbers.freshCodes(3);
        String content = first + ",G-1,2026-01-05\n" + (first + 1) + ",G-2\n" + (first + 2) + ",G-3,2026-01-05,extra\n";
        mvc.perform(multipart("/operator/inventory/import-csv").file(csv(content, StandardCharsets.UTF_8)).with(csrf())
                        .with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("第 2 行：请填写核配日期")));
        assertThat(numbers.blocksBetween(first, first + 2)).isZero();
    }

    @Test
    void aCsvSavedByChineseExcelKeepsItsChineseGrantReference() throws Exception {
        long code = numbers.freshCodes(1);
        mvc.perform(multipart("/operator/inventory/import-csv")
                        .file(csv(code + ",工信部码号〔2026〕9号,2026-01-05\n", Charset.forName("GB18030"))).with(csrf())
                        .with(TestLogins.as(accounts, "operator")))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("SELECT grant_ref FROM number_block WHERE code = ?").param(code).query(String.class).single())
                .isEqualTo("工信部码号〔2026〕9号");
    }

    @Test
    void aCodeGroupedWithDashesIsOneCodeNotARange() throws Exception {
        long code = numbers.freshCodes(1);
        String digits = Long.toString(code);
        mvc.perform(post("/operator/inventory/import").with(csrf()).with(TestLogins.as(accounts, "operator"))
                        .param("fromCode", digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7))
                        .param("toCode", "").param("grantRef", "G-dash").param("grantDate", "2026-01-05"))
                .andExpect(status().is3xxRedirection());
        assertThat(numbers.blocksBetween(code, code)).isEqualTo(1);
        mvc.perform(post("/operator/inventory/import").with(csrf()).with(TestLogins.as(accounts, "operator"))
                        .param("toCode", digits).param("grantRef", "G-dash").param("grantDate", "2026-01-05"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请输入号段编码")));
    }

    @Test
    void aBlockFilterOutsideThe700RangeIsIgnoredNotAServerError() throws Exception {
        CurrentUser admin = numbers.newTenantAdmin();
        mvc.perform(get("/numbers").param("block", "5").with(TestLogins.as(accounts, admin.username())))
                .andExpect(status().isOk());
    }

    @Test
    void aSecondApprovalWhosePickedBlocksAreGoneVoidsTheFirstSoTheRequestCanStartOver() {
        CurrentUser admin = numbers.newTenantAdmin();
        quotas.change(admin.tenant(), new QuotaOverrides(30, null, null, null, null, null, 0));
        List<Long> codes = numbers.importBlocks(11);
        long id = numbers.submit(admin, 11);
        decisions.approve(numbers.operator(), id, 11, codes);

        // another request takes one of the picked blocks meanwhile
        CurrentUser other = numbers.newTenantAdmin();
        decisions.approve(numbers.operator(), numbers.submit(other, 1), 1, List.of(codes.get(4)));

        assertThatThrownBy(() -> decisions.approve(numbers.reviewer(), id, 11, null))
                .isInstanceOf(NumberRuleException.class)
                .satisfies(e -> assertThat(((NumberRuleException) e).key()).isEqualTo("approve.firstApprovalVoided"));
        assertThat(numbers.requestStatus(id)).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(jdbc.sql("SELECT first_approver_id FROM number_request WHERE id = ?").param(id)
                .query((rs, n) -> rs.getObject(1)).list()).containsExactly((Object) null);
        assertThat(jdbc.sql("SELECT step FROM number_request_event WHERE request_id = ? ORDER BY id").param(id)
                .query(String.class).list()).containsExactly("SUBMITTED", "FIRST_APPROVAL", "FIRST_APPROVAL_VOIDED");

        List<Long> fresh = numbers.importBlocks(11);
        assertThat(decisions.approve(numbers.reviewer(), id, 11, fresh)).isEqualTo(RequestDecisions.Outcome.FIRST_APPROVAL_RECORDED);
        assertThat(decisions.approve(numbers.operator(), id, 11, null)).isEqualTo(RequestDecisions.Outcome.APPROVED);
        assertThat(numbers.blocksOf(admin.tenant())).isEqualTo(11);
    }

    @Test
    void aTenantCannotReleaseABlockWithASuspendedNumber() throws Exception {
        TestNumbers.Holding holding = numbers.holding(1);
        mvc.perform(post("/operator/blocks/" + holding.block().digits() + "/numbers/" + holding.number(3).digits()
                        + "/suspend").with(csrf()).with(TestLogins.as(accounts, "operator")).param("reason", "投诉核查"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/numbers/blocks/" + holding.block().digits() + "/release").with(csrf())
                        .with(TestLogins.as(accounts, holding.admin().username())))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("errorText", "该号段或其中的号码处于暂停状态，不能释放；请联系平台运营人员。"));
        assertThat(numbers.status(holding.block().value())).isEqualTo(BlockStatus.ALLOCATED);
        assertThat(numbers.numberStatus(holding.number(3))).isEqualTo(NumberStatus.SUSPENDED);
    }
}
