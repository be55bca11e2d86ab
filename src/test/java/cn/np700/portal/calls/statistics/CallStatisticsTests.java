package cn.np700.portal.calls.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.ingestion.IngestionTests;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The statistics pages show what the daily roll-ups hold, for the tenant's own calls, and compare tenants. */
@PortalIntegrationTest
public class CallStatisticsTests {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), BEIJING);
    }

    private String page(String user, String url) throws Exception {
        return mvc.perform(get(url).with(TestLogins.as(accounts, user))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** Roll-up rows as ingestion adds them: per X, and summed per tenant and day. */
    private void rollup(long tenant, LocalDate day, long x, int calls, int answered, int shortCalls, long duration,
            int sms) {
        jdbc.sql("INSERT INTO call_daily (tenant_id, day, x, calls, answered, short_calls, duration_total, sms) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(tenant, Date.valueOf(day), x, calls, answered, shortCalls, duration, sms).update();
        jdbc.sql("""
                INSERT INTO call_daily_tenant (tenant_id, day, calls, answered, short_calls, duration_total, sms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE calls = calls + VALUES(calls), answered = answered + VALUES(answered),
                    short_calls = short_calls + VALUES(short_calls), duration_total = duration_total + VALUES(duration_total),
                    sms = sms + VALUES(sms)""")
                .params(tenant, Date.valueOf(day), calls, answered, shortCalls, duration, sms).update();
    }

    public static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(html);
        assertThat(m.find()).as("element %s", id).isTrue();
        return m.group(1).trim();
    }

    @Test
    void theFiguresAndChartsAreTheRollUpsOfTheTenantsOwnCalls() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        LocalDate today = today();
        rollup(mine.tenantId(), today, mine.x(1), 100, 80, 5, 4_000, 3);
        rollup(mine.tenantId(), today, mine.x(2), 20, 10, 2, 500, 0);
        rollup(mine.tenantId(), today.minusDays(3), mine.x(1), 50, 25, 1, 1_000, 0);
        rollup(mine.tenantId(), today.minusDays(10), mine.x(3), 400, 200, 0, 10_000, 0);
        rollup(other.tenantId(), today, other.x(1), 999, 999, 0, 99_999, 0);
        // no call_record row exists for these figures: the page can only have read the roll-ups

        String week = page(mine.admin(), "/calls/statistics");
        assertThat(text(week, "stat-calls")).isEqualTo("170");
        assertThat(text(week, "stat-answered")).isEqualTo("115");
        assertThat(text(week, "stat-rate")).isEqualTo("67.6%");
        assertThat(text(week, "stat-duration")).isEqualTo("47.8 秒");
        assertThat(text(week, "stat-short")).isEqualTo("8");
        assertThat(text(week, "stat-sms")).isEqualTo("3");
        String label = today.toString().substring(5);
        assertThat(week).containsPattern("data-label=\"" + label + "\"\\s+data-value=\"120\"\\s+data-value2=\"90\"")
                .containsPattern("data-label=\"" + label + "\"\\s+data-value=\"75.0\"");
        assertThat(week).containsPattern("data-label=\"" + today.minusDays(6).toString().substring(5) + "\"\\s+data-value=\"0\"");
        // a day without calls is a gap in the answer rate and duration lines, not a 0 % day that reads as an outage
        assertThat(week).containsPattern("data-label=\"" + today.minusDays(6).toString().substring(5)
                + "\">[^<]*: —<");
        int busiestX1 = week.indexOf("data-label=\"" + TestBindings.display(mine.x(1)) + "\" data-value=\"150\"");
        int busiestX2 = week.indexOf("data-label=\"" + TestBindings.display(mine.x(2)) + "\" data-value=\"20\"");
        assertThat(busiestX1).isPositive().isLessThan(busiestX2);
        assertThat(week).doesNotContain(TestBindings.display(mine.x(3)), TestBindings.display(other.x(1)));

        String month = page(mine.admin(), "/calls/statistics?days=30");
        assertThat(text(month, "stat-calls")).isEqualTo("570");
        assertThat(month.indexOf(TestBindings.display(mine.x(3)))).isPositive()
                .isLessThan(month.indexOf(TestBindings.display(mine.x(1))));
    }

    @Test
    void theBusiestNumbersAreRankedAtMostEveryFiveMinutesAndSaySo() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        rollup(mine.tenantId(), today(), mine.x(1), 10, 5, 0, 100, 0);
        String first = page(mine.admin(), "/calls/statistics");
        assertThat(first).contains("data-label=\"" + TestBindings.display(mine.x(1)) + "\" data-value=\"10\"");
        assertThat(text(first, "busiest-ranked-at")).startsWith("排名时间 ").endsWith("每 5 分钟更新一次。");

        rollup(mine.tenantId(), today(), mine.x(2), 50, 5, 0, 100, 0);
        String soon = page(mine.admin(), "/calls/statistics");
        assertThat(text(soon, "stat-calls")).as("the figures are read live").isEqualTo("60");
        assertThat(soon).as("the ranking made a moment ago").doesNotContain(TestBindings.display(mine.x(2)));

        MutableClock moving = (MutableClock) clock;
        try {
            moving.advance(BusiestNumbers.FRESH.plusSeconds(1));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(page(mine.admin(), "/calls/statistics"))
                    .contains("data-label=\"" + TestBindings.display(mine.x(2)) + "\" data-value=\"50\""));
        } finally {
            moving.reset();
        }
    }

    @Test
    void pushedCallsReachTheStatisticsThroughTheirRollUps() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        String a = bindings.verified(mine.tenantId());
        String b = bindings.verified(mine.tenantId());
        String created = TestBindings.postAxb(mvc, mine, a, b)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long x = Long.parseLong(JsonPath.read(created, "$.x"));
        String carrier = carriers.create("");
        Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        String prefix = "stats-" + System.nanoTime() + "-";
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"records\":["
                                + IngestionTests.record(prefix + 1, x, a, b, start, 60, "ANSWERED") + ","
                                + IngestionTests.record(prefix + 2, x, b, a, start, 40, "ANSWERED") + ","
                                + IngestionTests.record(prefix + 3, x, a, b, start, 0, "NO_ANSWER") + "]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(3));

        long rolledUp = jdbc.sql("SELECT SUM(calls) FROM call_daily_tenant WHERE tenant_id = ?").param(mine.tenantId())
                .query(Long.class).single();
        String html = page(mine.admin(), "/calls/statistics?days=7");
        assertThat(rolledUp).isEqualTo(3);
        assertThat(text(html, "stat-calls")).isEqualTo("3");
        assertThat(text(html, "stat-answered")).isEqualTo("2");
        assertThat(text(html, "stat-rate")).isEqualTo("66.7%");
        assertThat(text(html, "stat-duration")).isEqualTo("50.0 秒");
        assertThat(html).contains("data-label=\"" + TestBindings.display(x) + "\" data-value=\"3\"");
    }

    @Test
    void anUnsupportedPeriodFallsBackToSevenDaysAndSaysSo() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        rollup(mine.tenantId(), today().minusDays(20), mine.x(1), 10, 5, 0, 100, 0);
        String html = page(mine.admin(), "/calls/statistics?days=14");
        assertThat(html).contains("id=\"days-problem\"", "不支持“14”天");
        assertThat(html).containsPattern("class=\"button primary\" id=\"days-7\"|id=\"days-7\"[^>]*class=\"button primary\"");
        assertThat(text(html, "stat-calls")).isEqualTo("0");
        assertThat(page(mine.admin(), "/calls/statistics?days=90")).doesNotContain("days-problem");
    }

    @Test
    void operatorsCompareEveryTenantWithItsShareOfThePlatformsCalls() throws Exception {
        TestBindings.Ready first = bindings.tenant();
        TestBindings.Ready second = bindings.tenant();
        LocalDate today = today();
        rollup(first.tenantId(), today, first.x(1), 300, 150, 0, 6_000, 0);
        rollup(second.tenantId(), today.minusDays(1), second.x(1), 100, 100, 0, 1_000, 0);
        long platform = jdbc.sql("SELECT SUM(calls) FROM call_daily_tenant WHERE day BETWEEN ? AND ?")
                .params(Date.valueOf(today.minusDays(6)), Date.valueOf(today)).query(Long.class).single();

        String html = page("operator", "/operator/calls/statistics");
        String row = html.substring(html.indexOf("id=\"tenant-" + first.tenantId() + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("<td class=\"num cmp-calls\">300</td>", "<td class=\"num cmp-rate\">50.0%</td>",
                "<td class=\"num cmp-duration\">40.0 秒</td>",
                "<td class=\"num cmp-share\">" + String.format(java.util.Locale.ROOT, "%.1f", Math.round(300 * 1000.0 / platform) / 10.0) + "%</td>");
        assertThat(html).contains("id=\"tenant-" + second.tenantId() + "\"", "id=\"chart-share\"");
        assertThat(Long.parseLong(text(html, "stat-calls").replace(",", ""))).isEqualTo(platform);

        String one = page("auditor", "/operator/calls/statistics?tenant=" + second.tenantId());
        assertThat(text(one, "stat-calls")).isEqualTo("100");
        assertThat(one).contains("data-label=\"" + TestBindings.display(second.x(1)) + "\" data-value=\"100\"");
        assertThat(page("operator", "/operator/calls/statistics?tenant=abc")).contains("id=\"tenant-problem\"");
    }
}
