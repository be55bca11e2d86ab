package cn.np700.portal.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.numbers.requests.RequestStatus;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccounts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The number pages as users reach them: tenant isolation, forged posts, and refused input kept and explained. */
@PortalIntegrationTest
class NumberPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestNumbers numbers;
    @Autowired
    JdbcClient jdbc;

    private RequestPostProcessor as(CurrentUser user) {
        return TestLogins.as(accounts, user.username());
    }

    private RequestPostProcessor as(String username) {
        return TestLogins.as(accounts, username);
    }

    @Test
    void anotherTenantsRequestAndBlockAnswer404AndNothingChanges() throws Exception {
        TestNumbers.Holding theirs = numbers.holding(1);
        long theirOpenRequest = numbers.submit(theirs.admin(), 1);
        CurrentUser me = numbers.newTenantAdmin();

        mvc.perform(get("/numbers/requests/" + theirOpenRequest).with(as(me))).andExpect(status().isNotFound());
        mvc.perform(post("/numbers/requests/" + theirOpenRequest + "/withdraw").with(csrf()).with(as(me)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/numbers/blocks/" + theirs.block().digits() + "/release").with(csrf()).with(as(me)))
                .andExpect(status().isNotFound());

        assertThat(numbers.requestStatus(theirOpenRequest)).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(numbers.status(theirs.block().value())).isEqualTo(BlockStatus.ALLOCATED);
        assertThat(numbers.holderOf(theirs.block().value())).isEqualTo(theirs.tenantId());
        mvc.perform(get("/numbers").param("q", theirs.number(42).digits()).with(as(me)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(theirs.number(42).display()))));
        mvc.perform(get("/numbers").param("q", theirs.number(42).digits()).with(as(theirs.admin())))
                .andExpect(content().string(containsString(theirs.number(42).display())));
    }

    @Test
    void aForgedTenantFieldIsIgnored() throws Exception {
        TestNumbers.Holding other = numbers.holding(1);
        CurrentUser me = numbers.newTenantAdmin();
        mvc.perform(post("/numbers/requests").with(csrf()).with(as(me))
                        .param("tenantId", Long.toString(other.tenantId()))
                        .param("blocks", "1").param("scenario", "FOOD_DELIVERY").param("expectedDailyBindings", "1000")
                        .param("justification", TestNumbers.JUSTIFICATION))
                .andExpect(status().is3xxRedirection());
        assertThat(requestsOf(me.tenant().value())).isEqualTo(1);
        assertThat(requestsOf(other.tenantId())).isEqualTo(1);
    }

    @Test
    void aRefusedRequestFormKeepsWhatWasTypedAndStoresNothing() throws Exception {
        CurrentUser me = numbers.newTenantAdmin();
        mvc.perform(post("/numbers/requests").with(csrf()).with(as(me))
                        .param("blocks", "3").param("scenario", "FOOD_DELIVERY").param("expectedDailyBindings", "12x")
                        .param("justification", "太短了"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("申请理由应为 20–2,000 个字符")))
                .andExpect(content().string(containsString("请输入不超过 9 位的整数")))
                .andExpect(content().string(containsString("value=\"12x\"")))
                .andExpect(content().string(containsString(">太短了</textarea>")));
        mvc.perform(post("/numbers/requests").with(csrf()).with(as(me)).param("lang", "en")
                        .param("blocks", "21").param("scenario", "NOT_A_CATEGORY").param("expectedDailyBindings", "10")
                        .param("justification", TestNumbers.JUSTIFICATION))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Over the block quota: you may request 20 more")))
                .andExpect(content().string(containsString("value=\"21\"")));
        assertThat(requestsOf(me.tenant().value())).isZero();
    }

    @Test
    void aDecisionOnADecidedRequestIsRefusedWithAMessage() throws Exception {
        TestNumbers.Holding holding = numbers.holding(1);
        mvc.perform(post("/operator/requests/" + holding.requestId() + "/reject").with(csrf()).with(as("reviewer"))
                        .param("reason", "迟到的驳回"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("该申请已处理或已撤回")));
        assertThat(numbers.requestStatus(holding.requestId())).isEqualTo(RequestStatus.APPROVED);
        assertThat(numbers.blocksOf(holding.tenant())).isEqualTo(1);
    }

    @Test
    void anApprovalWithBadCountsIsExplainedAndChangesNothing() throws Exception {
        CurrentUser admin = numbers.newTenantAdmin();
        long request = numbers.submit(admin, 2);
        mvc.perform(post("/operator/requests/" + request + "/approve").with(csrf()).with(as("operator"))
                        .param("blocks", "3").param("choice", "AUTO"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("批准数量应在 1 到 2 之间")));
        mvc.perform(post("/operator/requests/" + request + "/approve").with(csrf()).with(as("operator"))
                        .param("blocks", "1").param("choice", "MANUAL").param("codes", "70012"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("以下内容不是有效号段编码：70012")))
                .andExpect(content().string(containsString(">70012</textarea>")));
        assertThat(numbers.requestStatus(request)).isEqualTo(RequestStatus.SUBMITTED);
        assertThat(numbers.blocksOf(admin.tenant())).isZero();
    }

    @Test
    void theImportFormReportsBadCodesNextToTheFieldAndKeepsThem() throws Exception {
        mvc.perform(post("/operator/inventory/import").with(csrf()).with(as("operator"))
                        .param("fromCode", "70112345678").param("toCode", "").param("grantRef", "工信部〔2026〕1号")
                        .param("grantDate", "2026-01-05"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("不是 700 号段")))
                .andExpect(content().string(containsString("value=\"70112345678\"")))
                .andExpect(content().string(containsString("value=\"工信部〔2026〕1号\"")));
    }

    @Test
    void aCsvWithABadLineImportsNothingAndNamesTheLine() throws Exception {
        long first = numbers.freshCodes(20);
        String csv = "block,grant_ref,grant_date\n" + first + "-" + (first + 9) + ",G-1,2026-01-05\n"
                + (first + 5) + ",G-2,2026-01-05\n" + (first + 10) + ",G-3,2026-13-40\n";
        mvc.perform(multipart("/operator/inventory/import-csv")
                        .file(new MockMultipartFile("file", "grant.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()).with(as("operator")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("第 3 行：与第 2 行的号段重叠")))
                .andExpect(content().string(containsString("第 4 行：“2026-13-40”不是有效日期")));
        assertThat(numbers.blocksBetween(first, first + 19)).isZero();

        String good = first + "-" + (first + 9) + ",G-1,2026-01-05\n" + (first + 10) + ",G-2,2026-01-06\n";
        mvc.perform(multipart("/operator/inventory/import-csv")
                        .file(new MockMultipartFile("file", "grant.csv", "text/csv", good.getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()).with(as("operator")))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("noticeText", "已导入 11 个号段。"));
        assertThat(numbers.blocksBetween(first, first + 19)).isEqualTo(11);
    }

    @Test
    void quotasOutOfRangeAreRefusedPerFieldAndAValidChangeIsAudited() throws Exception {
        CurrentUser admin = numbers.newTenantAdmin();
        long tenant = admin.tenant().value();
        mvc.perform(post("/operator/tenants/" + tenant + "/quotas").with(csrf()).with(as("operator"))
                        .param("maxBlocks", "-1").param("maxPairsPerX", "0").param("maxBPerAPerDay", "30"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请输入 0 到 100,000 之间的整数")))
                .andExpect(content().string(containsString("请输入 1 到 10,000 之间的整数")))
                .andExpect(content().string(containsString("value=\"30\"")))
                // a blank field shows the platform default it stands for (application.yaml), not "default null"
                .andExpect(content().string(containsString("placeholder=\"默认 200,000\"")))
                .andExpect(content().string(containsString("placeholder=\"默认 1,000\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("默认 null"))));
        assertThat(quotaOverride(tenant, "max_b_per_a_per_day")).isNull();

        mvc.perform(post("/operator/tenants/" + tenant + "/quotas").with(csrf()).with(as("reviewer"))
                        .param("maxBlocks", "5"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/operator/tenants/" + tenant + "/quotas").with(csrf()).with(as("operator"))
                        .param("maxBlocks", "5").param("maxBPerAPerDay", "30"))
                .andExpect(status().is3xxRedirection());
        assertThat(quotaOverride(tenant, "max_blocks")).isEqualTo(5);
        assertThat(quotaOverride(tenant, "max_b_per_a_per_day")).isEqualTo(30);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'QUOTA_CHANGED' AND target_id = ? AND actor = 'operator'")
                .param(Long.toString(tenant)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aForcedReclaimWithTheWrongCountIsRefusedNextToItsFormWithTheTypedCount() throws Exception {
        TestNumbers.Holding holding = numbers.holding(1);
        numbers.seedLiveBindings(holding.number(7), 2);
        mvc.perform(post("/operator/blocks/" + holding.block().digits() + "/reclaim").with(csrf()).with(as("operator"))
                        .param("confirmedLive", "1"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("failedForm", "reclaim"))
                .andExpect(flash().attribute("typed", "1"))
                .andExpect(flash().attribute("formProblem", "您确认的是 1 个生效绑定，但当前为 2 个。请核对后重新确认。"));
        assertThat(numbers.status(holding.block().value())).isEqualTo(BlockStatus.ALLOCATED);
    }

    @Test
    void historyLooksUpNumbersAndExplainsWhatItCannot() throws Exception {
        TestNumbers.Holding holding = numbers.holding(1);
        mvc.perform(get("/operator/history").param("q", holding.number(5).display()).with(as("auditor")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("分配号段")))
                .andExpect(content().string(containsString("提交号码申请")));
        mvc.perform(get("/operator/history").param("q", "<script>1</script>").with(as("auditor")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("请输入 15 位 700 号码或 11 位号段编码")))
                .andExpect(content().string(not(containsString("<script>1</script>"))));
        mvc.perform(get("/operator/history").param("q", "70099999999").with(as("auditor")))
                .andExpect(content().string(containsString("平台没有该号码所在号段的核配记录")));
    }

    @Test
    void anInventoryTenantFilterThatIsNoTenantIdIsExplainedAndListsNothing() throws Exception {
        TestNumbers.Holding holding = numbers.holding(1);
        String link = "/operator/blocks/" + holding.block().value();
        mvc.perform(get("/operator/inventory").param("tenantId", Long.toString(holding.tenantId())).with(as("operator")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(link)))
                .andExpect(content().string(not(containsString("id=\"tenant-problem\""))));
        for (String bad : List.of("abc", "0", "-" + holding.tenantId())) {
            mvc.perform(get("/operator/inventory").param("tenantId", bad).with(as("operator")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("无法识别的企业")))
                    .andExpect(content().string(not(containsString("/operator/blocks/"))));
        }
    }

    private long requestsOf(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM number_request WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    private Integer quotaOverride(long tenantId, String column) {
        // no row yet means no override
        List<Integer> rows = jdbc.sql("SELECT " + column + " FROM tenant_quota WHERE tenant_id = ?").param(tenantId)
                .query((rs, n) -> (Integer) rs.getObject(1)).list();
        return rows.isEmpty() ? null : rows.get(0);
    }
}
