package cn.np700.portal.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.consent.Consents;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The monthly compliance report, from figures seeded through the binding API and straight into the tables. */
@PortalIntegrationTest
class ComplianceReportTests {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    Consents consents;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    private YearMonth thisMonth() {
        return YearMonth.from(LocalDate.ofInstant(clock.instant(), BEIJING));
    }

    private String get200(String user, String url) throws Exception {
        return mvc.perform(get(url).with(TestLogins.as(accounts, user)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static String rowOf(String page, long tenantId) {
        int start = page.indexOf("id=\"report-row-" + tenantId + "\"");
        assertThat(start).as("row of tenant %s", tenantId).isGreaterThanOrEqualTo(0);
        return page.substring(start, page.indexOf("</tr>", start));
    }

    /** A figure's cell; counts are shown with thousands separators (a held block reads 10,000, not 10000). */
    private static String cell(String cls, Object value) {
        Object shown = value instanceof Long || value instanceof Integer ? String.format(Locale.ROOT, "%,d", value) : value;
        return "class=\"num " + cls + "\">" + shown + "</td>";
    }

    /**
     * A tenant with two bindings, 20 calls (15 answered) this month, 100 last month, one complaint and one acted alert,
     * four consents recorded this month and one of them withdrawn.
     */
    private TestBindings.Ready seeded() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String withdrawn = null;
        for (int i = 0; i < 2; i++) {
            String a = bindings.verified(tenant.tenantId());
            String b = bindings.verified(tenant.tenantId());
            mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b
                                    + "\",\"expiresInSeconds\":3600,\"orderRef\":\"REPORT-" + i + "\"}"))
                    .andExpect(status().isCreated());
            withdrawn = a;
        }
        TenantId id = TenantId.of(tenant.tenantId());
        consents.withdraw(id, consents.stateOf(id, withdrawn).inForce().orElseThrow().id(), "test");
        YearMonth month = thisMonth();
        String daily = "INSERT INTO call_daily_tenant (tenant_id, day, calls, answered, short_calls, duration_total, sms) "
                + "VALUES (?, ?, ?, ?, 0, 0, 0)";
        jdbc.sql(daily).params(tenant.tenantId(), Date.valueOf(month.atDay(1)), 8, 6).update();
        jdbc.sql(daily).params(tenant.tenantId(), Date.valueOf(month.atDay(2)), 12, 9).update();
        jdbc.sql(daily).params(tenant.tenantId(), Date.valueOf(month.minusMonths(1).atDay(15)), 100, 1).update();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO complaint (reference, number, tenant_id, category, description, created_at, status)
                VALUES (?, ?, ?, 'MARKETING', 'report test', ?, 'OPEN')""")
                .params("RPT" + (System.nanoTime() % 1_000_000_000_000L), tenant.firstX(), tenant.tenantId(), now)
                .update();
        jdbc.sql("""
                INSERT INTO risk_alert (rule, subject, day, tenant_id, severity, status, summary, evidence, action, created_at)
                VALUES ('COMPLAINTS', ?, ?, ?, 'HIGH', 'ACTED', 'report test', '{}', 'NUMBER_SUSPENDED', ?)""")
                .params("report-" + System.nanoTime(), Date.valueOf(LocalDate.ofInstant(clock.instant(), BEIJING)),
                        tenant.tenantId(), now)
                .update();
        return tenant;
    }

    @Test
    void operatorsSeeEveryTenantsMonthAndTheCsvSaysTheSame() throws Exception {
        TestBindings.Ready tenant = seeded();
        long t = tenant.tenantId();
        long held = jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE tenant_id = ?").param(t).query(Long.class).single();
        long bound = jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE tenant_id = ? AND ever_bound = TRUE").param(t)
                .query(Long.class).single();
        long blocks = jdbc.sql("SELECT COUNT(*) FROM number_block WHERE tenant_id = ? AND status = 'ALLOCATED'").param(t)
                .query(Long.class).single();
        assertThat(held).isPositive();
        assertThat(bound).isPositive();
        String utilisation = String.format(Locale.ROOT, "%.1f%%", bound * 100.0 / held);
        String month = thisMonth().toString();

        for (String user : List.of("operator", "reviewer", "auditor")) {
            String page = get200(user, "/operator/compliance/report");
            assertThat(page).contains("id=\"nav-compliance-report\"", "value=\"" + month + "\"")
                    .doesNotContain("id=\"month-problem\"");
            String row = rowOf(page, t);
            assertThat(row).contains(tenants.names().get(t), cell("report-held", held),
                    cell("report-utilisation", utilisation), cell("report-blocks", blocks), cell("report-bindings", 2),
                    cell("report-calls", 20), cell("report-answer-rate", "75.0%"), cell("report-complaints", 1),
                    cell("report-alerts", 1), cell("report-acted", 1), "class=\"num report-consents\">3 / 4 / 1</td>");
            assertThat(page.indexOf("id=\"report-row-")).isLessThan(page.lastIndexOf("id=\"report-row-"));
        }

        var response = mvc.perform(get("/operator/compliance/report.csv?month=" + month)
                        .with(TestLogins.as(accounts, "auditor")))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("text/csv");
        byte[] bytes = response.getContentAsByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String csv = new String(bytes, StandardCharsets.UTF_8).substring(1);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("month,tenantId,tenant,numbersHeld,numbersEverBound,utilisation,blocksHeld,"
                + "bindingsCreated,calls,answered,answerRate,complaints,alerts,alertsActed,consentsRecorded,"
                + "consentsWithdrawn,consentsInForce");
        assertThat((long) lines.length - 1).isEqualTo(jdbc.sql("SELECT COUNT(*) FROM tenant").query(Long.class).single());
        List<String> mine = Arrays.stream(lines).filter(l -> l.startsWith(month + "," + t + ",")).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0)).endsWith("," + held + "," + bound + "," + utilisation + "," + blocks
                + ",2,20,15,75.0%,1,1,1,4,1,3");

        String lastMonth = thisMonth().minusMonths(1).toString();
        String earlier = rowOf(get200("operator", "/operator/compliance/report?month=" + lastMonth), t);
        assertThat(earlier).contains(cell("report-bindings", 0), cell("report-calls", 100),
                cell("report-answer-rate", "1.0%"), cell("report-complaints", 0), cell("report-alerts", 0));
    }

    @Test
    void aTenantAdminSeesOnlyItsOwnRow() throws Exception {
        TestBindings.Ready tenant = seeded();
        String page = get200(tenant.admin(), "/compliance/report");
        assertThat(page).contains("id=\"nav-my-compliance-report\"");
        assertThat(page.split("id=\"report-row-", -1)).hasSize(2);
        assertThat(rowOf(page, tenant.tenantId())).contains(cell("report-bindings", 2), cell("report-calls", 20),
                cell("report-answer-rate", "75.0%"), cell("report-complaints", 1), cell("report-alerts", 1));

        String csv = get200(tenant.admin(), "/compliance/report.csv");
        String[] lines = csv.substring(1).split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith(thisMonth() + "," + tenant.tenantId() + ",").contains(",2,20,15,75.0%,1,1,1");
    }

    @Test
    void aBadMonthFallsBackToTheCurrentMonthWithANote() throws Exception {
        String month = thisMonth().toString();
        for (String bad : List.of("2026-13", "abc", "11-2026")) {
            String page = get200("operator", "/operator/compliance/report?month=" + bad);
            assertThat(page).contains("id=\"month-problem\"", "value=\"" + month + "\"");
        }
        assertThat(get200("kuaida-admin", "/compliance/report?month=nope")).contains("id=\"month-problem\"");
        String csv = get200("operator", "/operator/compliance/report.csv?month=nope");
        assertThat(csv.split("\r\n")[1]).startsWith(month + ",");
    }

    @Test
    void onlyOperatorsAndEnterpriseAdminsGetIn() throws Exception {
        for (String url : List.of("/operator/compliance/report", "/operator/compliance/report.csv")) {
            mvc.perform(get(url).with(TestLogins.as(accounts, "kuaida-agent"))).andExpect(status().isForbidden());
            mvc.perform(get(url).with(TestLogins.as(accounts, "kuaida-admin"))).andExpect(status().isForbidden());
        }
        for (String url : List.of("/compliance/report", "/compliance/report.csv")) {
            mvc.perform(get(url).with(TestLogins.as(accounts, "kuaida-agent"))).andExpect(status().isForbidden());
            mvc.perform(get(url).with(TestLogins.as(accounts, "operator"))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/operator/compliance/report")).andExpect(status().is3xxRedirection());
    }
}
