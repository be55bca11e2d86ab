package cn.np700.portal.numberdesk;

import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TenantDirectory;
import jakarta.servlet.http.Cookie;
import cn.np700.portal.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The operators' number page: found from the top bar, showing what concerns the number, suspending it in place. */
@PortalIntegrationTest
class NumberDeskTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    PlatformCalendar calendar;

    @Test
    void theSearchAcceptsSpacesAndDashesAndAnswersMalformedAndUnknownNumbersPlainly() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String digits = Long.toString(tenant.x(3));
        String typed = digits.substring(0, 3) + " " + digits.substring(3, 7) + "-" + digits.substring(7, 11) + " " + digits.substring(11);

        mvc.perform(get("/operator/numbers").param("q", typed).with(as(accounts, "auditor")))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/operator/numbers/" + digits));
        assertThat(body(get("/operator/numbers").param("q", "700 12ab").with(as(accounts, "reviewer"))))
                .contains("id=\"numberdesk-problem\"", "“700 12ab”不是 15 位 700 号码", "value=\"700 12ab\"");
        assertThat(body(get("/operator/numbers").param("q", "700333333330001").param("lang", "en")
                .with(as(accounts, "operator"))))
                .contains("The platform has no number 700 3333 3333 0001");
        mvc.perform(get("/operator/numbers/700333333330001").with(as(accounts, "operator"))).andExpect(status().isNotFound());
        mvc.perform(get("/operator/numbers/" + digits).with(as(accounts, tenant.admin()))).andExpect(status().isForbidden());
    }

    @Test
    void thePageShowsHolderStatusBindingsCallsAndComplaintsAndSuspendsInPlaceWithAConfirmation() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(11);
        bindings.poolOfOne(tenant, x);
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        long bindingId = bind(tenant, a, b);
        String callId = "desk-" + System.nanoTime();
        Instant start = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.MILLIS);
        mvc.perform(post("/api/carrier/v1/call-records").header("Authorization", "Bearer " + carriers.create(""))
                .contentType(MediaType.APPLICATION_JSON).content("{\"records\":[{\"callId\":\"" + callId + "\",\"x\":\"" + x
                        + "\",\"caller\":\"" + a + "\",\"callee\":\"" + b + "\",\"type\":\"VOICE\",\"startTime\":\"" + start
                        + "\",\"answerTime\":\"" + start.plusSeconds(5) + "\",\"releaseTime\":\"" + start.plusSeconds(35)
                        + "\",\"durationSeconds\":30,\"releaseCause\":16,\"releaseSide\":\"CALLER\",\"result\":\"ANSWERED\"}]}"))
                .andExpect(status().is2xxSuccessful());
        String holder = tenants.find(TenantId.of(tenant.tenantId())).orElseThrow().name();
        String page = "/operator/numbers/" + x;

        String shown = body(get(page).with(as(accounts, "reviewer")));
        assertThat(shown).contains(UsageNumber.display(x), holder, "data-status=\"AVAILABLE\"", "id=\"binding-" + bindingId + "\"",
                TestMobiles.masked(a), callId).doesNotContain(a, b, "id=\"suspend-form\"");
        assertThat(body(get(page).with(as(accounts, "operator")))).contains("id=\"suspend-form\"");

        mvc.perform(post(page + "/suspend").with(csrf()).with(as(accounts, "reviewer")).param("reason", "投诉")
                .param("confirmed", "true")).andExpect(status().isForbidden());
        MvcResult unconfirmed = mvc.perform(post(page + "/suspend").with(csrf()).with(as(accounts, "operator"))
                        .param("reason", "多起营销投诉")).andExpect(redirectedUrl(page)).andReturn();
        assertThat(poolStatus(x)).isEqualTo("AVAILABLE");
        assertThat(body(get(page).cookie(session(unconfirmed)).with(as(accounts, "operator"))))
                .contains("id=\"suspend-problem\"", "请勾选确认后再提交", "多起营销投诉");

        mvc.perform(post(page + "/suspend").with(csrf()).with(as(accounts, "operator")).param("reason", "多起营销投诉")
                .param("confirmed", "true")).andExpect(redirectedUrl(page));

        assertThat(poolStatus(x)).isEqualTo("SUSPENDED");
        assertThat(body(get(page).with(as(accounts, "operator"))))
                .contains("data-status=\"SUSPENDED\"", "多起营销投诉", "id=\"lift-form\"", "NUMBER_SUSPENDED");

        mvc.perform(post(page + "/lift").with(csrf()).with(as(accounts, "operator")).param("reason", "核查完毕")
                .param("confirmed", "true")).andExpect(redirectedUrl(page));
        assertThat(poolStatus(x)).isEqualTo("AVAILABLE");
    }

    @Test
    void aComplaintDatedByTheCitizenLinksToItsNumberAndTheBindingLiveThenAndHistoryListsTheBindings() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long x = tenant.x(21);
        bindings.poolOfOne(tenant, x);
        String a = bindings.verified(tenant.tenantId());
        long bindingId = bind(tenant, a, bindings.verified(tenant.tenantId()));
        ZoneId zone = calendar.zone();
        String ip = "10.251." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);

        String future = LocalDateTime.ofInstant(clock.instant().plusSeconds(3_600), zone).withSecond(0).withNano(0).toString();
        assertThat(body(complaint(x, future, ip))).contains("id=\"complaint-callTime-problem\"", "通话时间不能晚于现在",
                "value=\"" + future + "\"");
        String ancient = LocalDateTime.ofInstant(clock.instant().minusSeconds(200L * 86_400), zone).withSecond(0).withNano(0).toString();
        assertThat(body(complaint(x, ancient, ip))).contains("只受理 180 天内的通话");
        assertThat(complaintsOn(x)).isZero();

        // a minute after the binding was made, typed to the minute as the browser's field sends it
        String during = LocalDateTime.ofInstant(clock.instant().plusSeconds(60), zone).withSecond(0).withNano(0).toString();
        clock.advance(Duration.ofMinutes(2));
        try {
            mvc.perform(complaint(x, during, ip)).andExpect(status().is3xxRedirection());
            mvc.perform(complaint(x, "", ip)).andExpect(status().is3xxRedirection());
        } finally {
            clock.reset();
        }
        assertThat(complaintsOn(x)).isEqualTo(2);

        String queue = body(get("/operator/complaints").param("number", Long.toString(x)).with(as(accounts, "reviewer")));
        assertThat(queue).contains("href=\"/operator/numbers/" + x + "\"", "href=\"/operator/bindings/" + bindingId + "\"");
        assertThat(queue.split("class=\"binding-link\"", -1)).as("only the dated complaint links a binding").hasSize(2);

        assertThat(body(get("/operator/history").param("q", Long.toString(x)).with(as(accounts, "operator"))))
                .contains("id=\"history-binding-" + bindingId + "\"", TestMobiles.masked(a)).doesNotContain(a);
    }

    private MockHttpServletRequestBuilder complaint(long x, String callTime, String ip) {
        return post("/check/complaints").with(csrf()).param("number", Long.toString(x)).param("category", "MARKETING")
                .param("description", "推销电话").param("contact", "").param("website", "").param("callTime", callTime)
                .with(request -> {
                    request.setRemoteAddr(ip);
                    return request;
                });
    }

    private long complaintsOn(long x) {
        return jdbc.sql("SELECT COUNT(*) FROM complaint WHERE number = ?").param(x).query(Long.class).single();
    }

    private long bind(TestBindings.Ready tenant, String a, String b) throws Exception {
        MvcResult bound = TestBindings.postAxb(mvc, tenant, a, b)
                .andExpect(status().isCreated()).andReturn();
        return ((Number) com.jayway.jsonpath.JsonPath.read(bound.getResponse().getContentAsString(), "$.id")).longValue();
    }

    private String poolStatus(long x) {
        return jdbc.sql("SELECT status FROM pool_number WHERE number = ?").param(x).query(String.class).single();
    }

    private static Cookie session(MvcResult result) {
        Cookie session = result.getResponse().getCookie("SESSION");
        assertThat(session).as("session cookie").isNotNull();
        return session;
    }

    private String body(RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
