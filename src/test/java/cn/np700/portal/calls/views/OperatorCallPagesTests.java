package cn.np700.portal.calls.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.statistics.CallStatisticsTests;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The operators' call pages: every tenant's records, the export, the unmatched queue and the rejections. */
@PortalIntegrationTest
class OperatorCallPagesTests {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestBindings bindings;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    JdbcClient jdbc;

    private TestCalls calls() {
        return new TestCalls(jdbc);
    }

    private String page(String user, String url) throws Exception {
        return mvc.perform(get(url).with(TestLogins.as(accounts, user))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static List<Long> rows(String html, String prefix) {
        List<Long> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<tr id=\"" + prefix + "(\\d+)\"").matcher(html);
        while (m.find()) {
            ids.add(Long.valueOf(m.group(1)));
        }
        return ids;
    }

    @Test
    void operatorsSeeEveryTenantsRecordsAndNarrowThemByTenant() throws Exception {
        TestBindings.Ready first = bindings.tenant();
        TestBindings.Ready second = bindings.tenant();
        Instant start = Instant.now().minusSeconds(900);
        long a1 = calls().insert(TestCalls.Call.of(first.tenantId(), first.x(1), start));
        long a2 = calls().insert(TestCalls.Call.of(first.tenantId(), first.x(1), start.plusSeconds(1)).result("BUSY"));
        long b1 = calls().insert(TestCalls.Call.of(second.tenantId(), second.x(1), start));

        assertThat(CallRecordPagesTests.ids(page("operator", "/operator/calls?tenant=" + first.tenantId())))
                .containsExactly(a2, a1);
        assertThat(CallRecordPagesTests.ids(page("reviewer", "/operator/calls?tenant=" + second.tenantId())))
                .containsExactly(b1);
        assertThat(CallRecordPagesTests.ids(page("auditor", "/operator/calls?x=" + first.x(1) + "&result=BUSY")))
                .containsExactly(a2);
        // without a tenant filter the list spans every tenant; X narrows it to this test's rows in a shared database
        String all = page("operator", "/operator/calls?x=" + second.x(1));
        assertThat(CallRecordPagesTests.ids(all)).containsExactly(b1);
        assertThat(all).contains(tenants.names().get(second.tenantId()), "id=\"filter-tenant\"");

        String noTenant = page("operator", "/operator/calls?orderRef=ORD-1&tenant=x1");
        assertThat(noTenant).contains("id=\"orderRef-problem\"", "按业务订单号筛选需先选择企业", "id=\"tenant-problem\"");

        String detail = page("auditor", "/operator/calls/" + b1);
        assertThat(detail).contains("id=\"call-tenant\"", tenants.names().get(second.tenantId()), "已匹配");
        mvc.perform(get("/operator/calls/999999999999").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isNotFound());

        String csv = mvc.perform(get("/operator/calls/export?tenant=" + first.tenantId())
                        .with(TestLogins.as(accounts, "reviewer")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String[] lines = csv.substring(1).split("\r\n");
        assertThat(lines[0]).startsWith("企业,编号,");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith(tenants.names().get(first.tenantId()) + "," + a2 + ",");
    }

    @Test
    void theUnmatchedQueueListsOpenRecordsOldestFirstUntilTheyAreReviewed() throws Exception {
        TestBindings.Ready holder = bindings.tenant();
        Instant start = Instant.now().minusSeconds(300);
        long noTenant = calls().insert(TestCalls.Call.unmatched("NO_TENANT", 700_1000_0499_9998L, start));
        long noBinding = calls().insert(TestCalls.Call.unmatched("NO_BINDING", holder.x(2), start.minusSeconds(60)));
        long matched = calls().insert(TestCalls.Call.of(holder.tenantId(), holder.x(2), start));
        long noTenant2 = calls().insert(TestCalls.Call.unmatched("NO_TENANT", 700_1000_0499_9997L, start));
        String after = "?after=" + (noTenant - 1);

        String queue = page("auditor", "/operator/calls/unmatched" + after);
        assertThat(rows(queue, "unmatched-")).containsExactly(noTenant, noBinding, noTenant2);
        assertThat(queue).contains("X 当时没有分配给任何企业", "X 属于某企业").doesNotContain("id=\"review-");
        long open = jdbc.sql("SELECT COUNT(*) FROM call_record WHERE match_status = 'NO_TENANT' AND reviewed_at IS NULL")
                .query(Long.class).single();
        assertThat(CallStatisticsTests.text(queue, "open-NO_TENANT").replace(",", "")).isEqualTo(Long.toString(open));
        assertThat(rows(page("operator", "/operator/calls/unmatched" + after + "&reason=NO_BINDING"), "unmatched-"))
                .containsExactly(noBinding);
        assertThat(page("operator", "/operator/calls/unmatched?reason=MAYBE")).contains("id=\"reason-problem\"");

        mvc.perform(post("/operator/calls/unmatched/" + noBinding + "/reviewed").with(csrf())
                        .with(TestLogins.as(accounts, "reviewer")).param("after", Long.toString(noTenant - 1)))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/operator/calls/unmatched?after=" + (noTenant - 1)))
                .andExpect(flash().attribute("notice", "call.unmatched.reviewedDone"));
        assertThat(jdbc.sql("SELECT reviewed_by FROM call_record WHERE id = ? AND reviewed_at IS NOT NULL")
                .param(noBinding).query(String.class).single()).isEqualTo("reviewer");
        assertThat(rows(page("operator", "/operator/calls/unmatched" + after), "unmatched-"))
                .containsExactly(noTenant, noTenant2);
        assertThat(page("operator", "/operator/calls/" + noBinding)).contains("id=\"call-reviewed\"", "reviewer");

        mvc.perform(post("/operator/calls/unmatched/" + noBinding + "/reviewed").with(csrf())
                        .with(TestLogins.as(accounts, "operator")))
                .andExpect(flash().attribute("notice", "call.unmatched.alreadyReviewed"));
        mvc.perform(post("/operator/calls/unmatched/" + matched + "/reviewed").with(csrf())
                        .with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/operator/calls/unmatched/" + noTenant + "/reviewed").with(csrf())
                        .with(TestLogins.as(accounts, "auditor")))
                .andExpect(status().isForbidden());
        assertThat(page("operator", "/operator/calls/unmatched" + after)).contains("id=\"review-" + noTenant + "\"");
    }

    @Test
    void rejectionsAreListedNewestFirstWithTheirCountPerReason() throws Exception {
        // a day of its own in the past, so the counts are only this test's
        LocalDate day = LocalDate.of(2001, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(3000));
        Instant noon = day.atTime(12, 0).atZone(BEIJING).toInstant();
        List<Long> ids = new ArrayList<>();
        String[] reasons = {"NO_BINDING", "EXPIRED", "BLACKLISTED"};
        for (int i = 0; i < 36; i++) {
            String reason = i < 3 ? reasons[i] : (i % 2 == 0 ? "NO_BINDING" : "EXPIRED");
            jdbc.sql("INSERT INTO route_rejection (at, call_id, x, caller_masked, reason, tenant_id, binding_id) "
                            + "VALUES (?, ?, ?, '139****0003', ?, NULL, NULL)")
                    .params(Timestamp.from(noon.plusSeconds(i / 2)), "rej-" + System.nanoTime(), 700_1000_0000_0001L,
                            reason).update();
            ids.add(jdbc.sql("SELECT MAX(id) FROM route_rejection").query(Long.class).single());
        }
        String range = "from=" + day + "&to=" + day;
        String first = page("auditor", "/operator/calls/rejections?" + range);
        for (String count : List.of("17 NO_BINDING", "18 EXPIRED", "1 BLACKLISTED", "0 TENANT_SUSPENDED")) {
            String[] parts = count.split(" ");
            assertThat(first).containsPattern("data-value=\"" + parts[0] + "\"\\s+id=\"count-" + parts[1] + "\"");
        }
        List<Long> firstPage = rows(first, "rejection-");
        assertThat(firstPage).hasSize(30);
        String older = CallRecordPagesTests.link(first, "page-older");
        List<Long> secondPage = rows(page("operator", older), "rejection-");
        List<Long> expected = jdbc.sql("SELECT id FROM route_rejection WHERE id IN (:ids) ORDER BY at DESC, id DESC")
                .param("ids", ids).query(Long.class).list();
        List<Long> walked = new ArrayList<>(firstPage);
        walked.addAll(secondPage);
        assertThat(walked).isEqualTo(expected);

        assertThat(rows(page("operator", "/operator/calls/rejections?reason=BLACKLISTED&" + range), "rejection-"))
                .containsExactly(ids.get(2));
        assertThat(page("operator", "/operator/calls/rejections?reason=LOUD&" + range)).contains("id=\"reason-problem\"");
    }
}
