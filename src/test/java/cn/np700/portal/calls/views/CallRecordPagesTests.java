package cn.np700.portal.calls.views;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.scope.TenantId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calls.ingestion.IngestionTests;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.TestTenants;
import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/** An enterprise's call record pages: keyset paging, filters, the detail, the CSV export, and tenant isolation. */
@PortalIntegrationTest
class CallRecordPagesTests {

    private static final Pattern ROW = Pattern.compile("<tr id=\"call-(\\d+)\"");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestTenants tenants;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    JdbcClient jdbc;

    private TestCalls calls() {
        return new TestCalls(jdbc);
    }

    private String page(String user, String url) throws Exception {
        // a URI, so that MockMvc does not encode the escapes in the address a second time
        return mvc.perform(get(java.net.URI.create(url)).with(TestLogins.as(accounts, user))).andExpect(status().isOk())
                .andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    static List<Long> ids(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            ids.add(Long.valueOf(m.group(1)));
        }
        return ids;
    }

    /** The href of the link with this id, unescaped; null when the page has no such link. */
    static String link(String html, String id) {
        Matcher tag = Pattern.compile("<a [^>]*\\bid=\"" + id + "\"[^>]*>").matcher(html);
        if (!tag.find()) {
            return null;
        }
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(tag.group());
        return href.find() ? HtmlUtils.htmlUnescape(href.group(1)) : null;
    }

    private List<Long> expectedOrder(long tenantId) {
        return jdbc.sql("SELECT id FROM call_record WHERE tenant_id = ? ORDER BY start_time DESC, id DESC")
                .param(tenantId).query(Long.class).list();
    }

    @Test
    void keysetPagesNeitherSkipNorRepeatARecordWhenManyShareAStartTime() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 95; i++) {
            order.add(i);
        }
        // inserted out of time order, so ids say nothing about start times; four records share each second
        Collections.shuffle(order, new java.util.Random(7));
        for (int i : order) {
            calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(1), base.minusSeconds(i / 4)));
            if (i % 3 == 0) {
                calls().insert(TestCalls.Call.of(other.tenantId(), other.x(1), base.minusSeconds(i / 4)));
            }
        }
        List<Long> expected = expectedOrder(mine.tenantId());
        assertThat(expected).hasSize(95);

        List<List<Long>> pages = new ArrayList<>();
        List<String> htmls = new ArrayList<>();
        String url = "/calls";
        while (url != null) {
            String html = page(mine.admin(), url);
            htmls.add(html);
            pages.add(ids(html));
            url = link(html, "page-older");
        }
        assertThat(pages).extracting(List::size).containsExactly(30, 30, 30, 5);
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(expected);
        assertThat(link(htmls.get(0), "page-newer")).isNull();
        assertThat(htmls.get(1)).contains("?after=");

        // and back: every "newer" link from the last page gives the same pages in reverse
        String last = htmls.get(3);
        List<List<Long>> back = new ArrayList<>();
        for (String newer = link(last, "page-newer"); newer != null; ) {
            String html = page(mine.admin(), newer);
            back.add(ids(html));
            newer = link(html, "page-newer");
        }
        assertThat(back).containsExactly(pages.get(2), pages.get(1), pages.get(0));
    }

    @Test
    void filtersNarrowTheListAndEachCombinesWithTheTenant() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        String a = bindings.verified(mine.tenantId());
        String b = bindings.verified(mine.tenantId());
        String ref = "ORD-" + TestTenants.unique();
        long bindingId = bindViaApi(mine, a, b, ref);
        LocalDate day = LocalDate.now(BEIJING).minusDays(3);
        Instant morning = day.atTime(8, 30).atZone(BEIJING).toInstant();
        long answered = calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(1), morning));
        long busy = calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(1), morning.plusSeconds(60)).result("BUSY"));
        long sms = calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(2), morning.plusSeconds(3600)).type("SMS")
                .direction("B_TO_A"));
        long ordered = calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(3), morning.minusSeconds(86_400))
                .binding(bindingId));
        long othersBusy = calls().insert(TestCalls.Call.of(other.tenantId(), other.x(1), morning).result("BUSY")
                .binding(bindingId));

        String user = mine.admin();
        assertThat(ids(page(user, "/calls?result=BUSY"))).containsExactly(busy);
        assertThat(ids(page(user, "/calls?x=" + TestBindings.display(mine.x(2)).replace(" ", "%20")))).containsExactly(sms);
        assertThat(ids(page(user, "/calls?type=SMS&direction=B_TO_A"))).containsExactly(sms);
        assertThat(ids(page(user, "/calls?direction=A_TO_B"))).containsExactly(busy, answered, ordered);
        assertThat(ids(page(user, "/calls?orderRef=" + ref))).containsExactly(ordered);
        assertThat(ids(page(user, "/calls?binding=" + bindingId))).containsExactly(ordered);
        assertThat(ids(page(user, "/calls?from=" + day + "&to=" + day))).containsExactly(sms, busy, answered);
        // a date and time covers its whole minute: 08:30 takes the 08:30:00 call, 08:31 the one a minute later
        assertThat(ids(page(user, "/calls?from=" + day + "%2008:30&to=" + day + "T08:30"))).containsExactly(answered);
        assertThat(ids(page(user, "/calls?from=" + day + "%2008:31&to=" + day + "%2009:29"))).containsExactly(busy);
        assertThat(ids(page(user, "/calls"))).containsExactly(sms, busy, answered, ordered).doesNotContain(othersBusy);
        assertThat(ids(page(user, "/calls?orderRef=NO-SUCH-" + ref))).isEmpty();
    }

    @Test
    void filtersThatCannotBeAppliedAreKeptAsTypedAndExplainedNextToTheirField() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        long one = calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(1), Instant.now().minusSeconds(600)));
        String html = page(mine.admin(), "/calls?x=12345&from=yesterday&to=2026-13-01&result=MAYBE&direction=UNKNOWN"
                + "&type=FAX&binding=b7&tenant=999");
        assertThat(html).contains("id=\"filter-x\"", "value=\"12345\"", "value=\"yesterday\"", "value=\"2026-13-01\"",
                "value=\"MAYBE\"", "value=\"FAX\"", "value=\"b7\"");
        assertThat(html).contains("id=\"x-problem\"", "id=\"from-problem\"", "id=\"to-problem\"", "id=\"result-problem\"",
                "id=\"direction-problem\"", "id=\"type-problem\"", "id=\"binding-problem\"");
        assertThat(html).contains("请输入 15 位 700 号码", "此条件未生效");
        // none of them was applied, and a tenant in the address is ignored: the enterprise's own records are listed
        assertThat(ids(html)).containsExactly(one);

        String range = page(mine.admin(), "/calls?from=2026-03-15&to=2026-03-14");
        assertThat(range).contains("id=\"to-problem\"", "起始时间不早于结束时间");
    }

    @Test
    void htmxGetsTheListFragmentAndTheExportLinkCarriesTheFilters() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        String fragment = mvc.perform(get("/calls?result=BUSY&x=abc").header("HX-Request", "true")
                        .with(TestLogins.as(accounts, mine.admin())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(fragment).startsWith("<div class=\"panel\" id=\"call-list\"").doesNotContain("<html");
        assertThat(link(fragment, "export-csv")).isEqualTo("/calls/export?x=abc&result=BUSY");
    }

    @Test
    void theDetailShowsEveryFieldMaskedWithItsBindingAndAnotherTenantGetsNotFound() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        String a = bindings.verified(mine.tenantId());
        String b = bindings.verified(mine.tenantId());
        String ref = "ORD-" + TestTenants.unique();
        long bindingId = bindViaApi(mine, a, b, ref);
        long x = jdbc.sql("SELECT x FROM binding WHERE id = ?").param(bindingId).query(Long.class).single();
        String callId = "detail-" + System.nanoTime();
        Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        String carrier = carriers.create("");
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"records\":[" + IngestionTests.record(callId, x,
                                b, a, start, 42, "ANSWERED").replace("}", ",\"recordingRef\":\"rec-77\"}") + "]}"))
                .andExpect(status().isOk());
        long id = jdbc.sql("SELECT id FROM call_record WHERE call_id = ?").param(callId).query(Long.class).single();

        String agent = "agent-" + TestTenants.unique();
        tenants.user(mine.tenantId(), agent, "Agent-pass-2026", Role.ENTERPRISE_AGENT);
        String html = page(agent, "/calls/" + id);
        assertThat(html).contains(callId, TestBindings.display(x), maskOf(b), maskOf(a), "B 呼 A", "已接通", "42 秒",
                "rec-77", ref, "href=\"/bindings/" + bindingId + "\"");
        assertThat(html).doesNotContain(a, b);
        assertThat(ids(page(agent, "/calls"))).contains(id);

        mvc.perform(get("/calls/" + id).with(TestLogins.as(accounts, other.admin()))).andExpect(status().isNotFound());
        mvc.perform(get("/calls/999999999999").with(TestLogins.as(accounts, mine.admin())))
                .andExpect(status().isNotFound());
        assertThat(ids(page(other.admin(), "/calls"))).doesNotContain(id);
    }

    @Test
    void theExportStreamsTheWholeFilteredSetAcrossChunksWithABomAndOnlyTheTenantsRecords() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        Instant newest = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        // more than two chunks, with equal start times across each chunk boundary
        int count = CallCsvExport.CHUNK * 2 + 101;
        calls().bulk(mine.tenantId(), mine.x(7), newest, count, 7);
        calls().bulk(other.tenantId(), mine.x(7), newest, 50, 7);
        long busy = calls().insert(TestCalls.Call.of(mine.tenantId(), mine.x(8), newest).result("BUSY"));

        MockHttpServletResponse response = mvc.perform(get("/calls/export?x=" + mine.x(7) + "&tenant=" + other.tenantId())
                        .with(TestLogins.as(accounts, mine.admin())))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("text/csv").contains("UTF-8");
        assertThat(response.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"call-records-" + LocalDate.now(BEIJING) + ".csv\"");
        assertThat(response.getHeader("Content-Length")).isNull();
        byte[] bytes = response.getContentAsByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).startsWith("编号,呼叫标识,开始时间,X 号码,主叫,被叫");
        Set<String> ids = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            ids.add(cells[0]);
            assertThat(cells[3]).isEqualTo(TestBindings.display(mine.x(7)));
            assertThat(cells[4]).isEqualTo("139****1234");
        }
        assertThat(lines.length - 1).isEqualTo(count);
        assertThat(ids).hasSize(count);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_record WHERE tenant_id = ? AND x = ?")
                .params(mine.tenantId(), mine.x(7)).query(Long.class).single()).isEqualTo(count);

        String busyOnly = mvc.perform(get("/calls/export?result=BUSY").with(TestLogins.as(accounts, mine.admin())))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(busyOnly.split("\r\n")).hasSize(2);
        assertThat(busyOnly.split("\r\n")[1]).startsWith(busy + ",");
        // values in the reader's language, with the codes behind them at the end for programs
        assertThat(busyOnly.split("\r\n")[0]).endsWith(",typeCode,directionCode,resultCode,releaseSideCode,matchCode");
        assertThat(busyOnly.split("\r\n")[1]).contains(",语音,A 呼 B,忙,").contains(",主叫,").endsWith(",VOICE,A_TO_B,BUSY,CALLER,MATCHED");
        String english = mvc.perform(get("/calls/export?result=BUSY&lang=en").with(TestLogins.as(accounts, mine.admin())))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(english.split("\r\n")[0]).startsWith("\uFEFFId,");
        assertThat(english.split("\r\n")[1]).contains(",Voice,A calls B,Busy,").endsWith(",VOICE,A_TO_B,BUSY,CALLER,MATCHED");
    }

    @Test
    void eachFilterSeeksThroughAnIndexWithoutSortingTheTenantsRecords() {
        TestBindings.Ready mine = bindings.tenant();
        calls().bulk(mine.tenantId(), mine.x(1), Instant.now().minusSeconds(3600), 500, 3);
        Instant at = Instant.now().minusSeconds(1800);
        KeysetCursor cursor = new KeysetCursor(at, Long.MAX_VALUE / 2);
        Scope own = Scope.of(TenantId.of(mine.tenantId()));
        for (CallCriteria criteria : List.of(CallCriteria.of(own),
                new CallCriteria(own, TenantFilter.ANY, null, null, mine.x(1), null, null, null, null, null),
                new CallCriteria(own, TenantFilter.ANY, null, null, null, null, null, "NO_ANSWER", null, null),
                new CallCriteria(own, TenantFilter.ANY, null, null, null, null, 1L, null, null, null),
                CallCriteria.of(Scope.job("explain")))) {
            var where = CallRecordQueries.where(criteria);
            java.sql.Timestamp t = java.sql.Timestamp.from(cursor.start());
            where.and("start_time <= ? AND (start_time < ? OR id < ?)", t, t, cursor.id());
            List<Object> params = new ArrayList<>(where.params());
            List<String> plan = jdbc.sql("EXPLAIN SELECT " + CallRecordQueries.COLUMNS + " FROM call_record" + where.sql()
                            + " ORDER BY start_time DESC, id DESC LIMIT 31")
                    .params(params)
                    .query((rs, i) -> rs.getString("key") + " | " + rs.getString("Extra")).list();
            assertThat(plan).as("%s", criteria).hasSize(1);
            assertThat(plan.get(0)).as("%s", criteria).doesNotContain("filesort").doesNotStartWith("null");
        }
    }

    @Test
    void theDetailShowsTheCallsStatusAsTheCarrierReportedIt() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        String a = bindings.verified(mine.tenantId());
        String b = bindings.verified(mine.tenantId());
        long bindingId = bindViaApi(mine, a, b, "ORD-" + TestTenants.unique());
        long x = jdbc.sql("SELECT x FROM binding WHERE id = ?").param(bindingId).query(Long.class).single();
        String callId = "timeline-" + System.nanoTime();
        Instant start = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        String carrier = carriers.create("");
        String silent = callId + "-silent";
        String routed = ",\"bindingId\":" + bindingId + "}";
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"records\":["
                                + IngestionTests.record(callId, x, a, b, start, 42, "ANSWERED").replace("}", routed) + ","
                                + IngestionTests.record(silent, x, a, b, start, 3, "ANSWERED").replace("}", routed) + "]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.accepted").value(2));
        String events = String.join(",",
                "{\"callId\":\"" + callId + "\",\"x\":\"" + x + "\",\"type\":\"ALERTING\",\"time\":\""
                        + start.plusSeconds(1) + "\",\"bindingId\":" + bindingId + "}",
                "{\"callId\":\"" + callId + "\",\"x\":\"" + x + "\",\"type\":\"ANSWERED\",\"time\":\""
                        + start.plusSeconds(5) + "\"}",
                "{\"callId\":\"" + callId + "\",\"x\":\"" + x + "\",\"type\":\"DISCONNECTED\",\"cause\":\"16\","
                        + "\"time\":\"" + start.plusSeconds(47) + "\"}");
        mvc.perform(post("/api/carrier/v1/call-events").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"events\":[" + events + "]}"))
                .andExpect(status().isOk());
        long id = jdbc.sql("SELECT id FROM call_record WHERE call_id = ?").param(callId).query(Long.class).single();
        long silentId = jdbc.sql("SELECT id FROM call_record WHERE call_id = ?").param(silent).query(Long.class).single();

        String html = page(mine.admin(), "/calls/" + id);
        assertThat(html).contains("通话状态", "id=\"call-event-ALERTING\"", "振铃", "接听", "挂断", "原因 16");
        assertThat(html.indexOf("振铃")).isLessThan(html.indexOf("接听"));
        assertThat(html.indexOf("接听", html.indexOf("通话状态"))).isLessThan(html.indexOf("挂断"));
        assertThat(page(mine.admin(), "/calls/" + id + "?lang=en")).contains("Call status", "Alerting", "Answered",
                "Disconnected", "cause 16");
        assertThat(page(mine.admin(), "/calls/" + silentId)).contains("运营商尚未上报此通话的状态").doesNotContain("call-event-");
        assertThat(page("operator", "/operator/calls/" + id)).contains("call-event-DISCONNECTED", "原因 16");
    }

    private long bindViaApi(TestBindings.Ready tenant, String a, String b, String orderRef) throws Exception {
        String body = mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":3600,"
                                + "\"orderRef\":\"" + orderRef + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return ((Number) JsonPath.read(body, "$.id")).longValue();
    }

    static String maskOf(String mobile) {
        return mobile.substring(0, 3) + "****" + mobile.substring(7);
    }
}
