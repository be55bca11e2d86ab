package cn.np700.portal.calls.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The operators' list of unmatched call events: paged by the server, narrowed by carrier, X, type, reason and time,
 * sorted; bad filters explained next to their field; counted beside the navigation link; closed to enterprises.
 */
@PortalIntegrationTest
class UnmatchedEventPagesTests {

    /** Held by no enterprise in the tests' data: events on it are NO_TENANT. */
    private static final long FREE_X = 700_1000_0499_9999L;
    private static final String BASE = "/operator/calls/unmatched-events";

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    JdbcClient jdbc;

    String carrierName;
    String callId;
    Instant at;

    @BeforeEach
    void unmatchedEvents() throws Exception {
        String carrier = carriers.create("");
        callId = "unm-page-" + System.nanoTime();
        at = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        mvc.perform(post("/api/carrier/v1/call-events").header("Authorization", "Bearer " + carrier)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"events\":[" + String.join(",",
                                CallEventTests.event(callId, FREE_X, "ALERTING", null, at, null),
                                CallEventTests.event(callId, FREE_X, "DISCONNECTED", "17", at.plusSeconds(9), null)) + "]}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.unmatched").value(2));
        carrierName = jdbc.sql("SELECT DISTINCT carrier FROM call_event WHERE call_id = ?").param(callId)
                .query(String.class).single();
    }

    private long id(String type) {
        return jdbc.sql("SELECT id FROM call_event WHERE call_id = ? AND event_type = ?").params(callId, type)
                .query(Long.class).single();
    }

    private String page(String user, String url) throws Exception {
        return mvc.perform(get(url).with(TestLogins.as(accounts, user))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static List<Long> rows(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<tr id=\"unmatched-event-(\\d+)\"").matcher(html);
        while (m.find()) {
            ids.add(Long.valueOf(m.group(1)));
        }
        return ids;
    }

    @Test
    void operatorsNarrowTheUnmatchedEventsByCarrierXTypeReasonAndTimeAndSortThem() throws Exception {
        long alerting = id("ALERTING");
        long disconnected = id("DISCONNECTED");
        String mine = BASE + "?carrier=" + carrierName;

        assertThat(carrierName).as("the pushing carrier is kept with each event").startsWith("carrier-");
        assertThat(rows(page("operator", mine))).as("newest first").containsExactly(disconnected, alerting);
        assertThat(rows(page("auditor", mine + "&sort=time"))).containsExactly(alerting, disconnected);
        assertThat(rows(page("reviewer", mine + "&type=DISCONNECTED&x=" + FREE_X + "&reason=NO_TENANT")))
                .containsExactly(disconnected);
        assertThat(rows(page("operator", mine + "&reason=NO_BINDING"))).isEmpty();
        assertThat(rows(page("operator", mine + "&from=" + at.plusSeconds(5)))).containsExactly(disconnected);
        assertThat(rows(page("operator", mine + "&to=" + at))).containsExactly(alerting);
        assertThat(rows(page("operator", BASE + "?x=" + FREE_X + "&sort=-time"))).contains(disconnected, alerting);
    }

    @Test
    void aFilterThatCannotBeReadIsExplainedAndNotApplied() throws Exception {
        String html = page("operator", BASE + "?carrier=" + carrierName + "&x=12345&type=RINGING&from=soon&lang=en");
        assertThat(html).contains("X is a 15-digit 700 number; this condition was not applied.")
                .contains("The event type is ALERTING, ANSWERED or DISCONNECTED; this condition was not applied.")
                .contains("Enter a date or a date and time").contains("value=\"12345\"");
        assertThat(rows(html)).containsExactlyInAnyOrder(id("ALERTING"), id("DISCONNECTED"));
    }

    @Test
    void theNavigationCountsThemAndOnlyOperatorsMayOpenThem() throws Exception {
        long unmatched = jdbc.sql("SELECT COUNT(*) FROM call_event WHERE match_status IN ('NO_BINDING', 'NO_TENANT')")
                .query(Long.class).single();
        String count = page("auditor", BASE + "/count");
        assertThat(count).contains("id=\"unmatched-events-count\"")
                .contains(">" + (unmatched > 999 ? "999+" : Long.toString(unmatched)) + "<");
        assertThat(page("operator", "/operator/calls")).contains("href=\"" + BASE + "\"")
                .contains("hx-get=\"" + BASE + "/count\"");

        mvc.perform(get(BASE).with(TestLogins.as(accounts, "kuaida-admin"))).andExpect(status().isForbidden());
        mvc.perform(get(BASE + "/count").with(TestLogins.as(accounts, "kuaida-agent"))).andExpect(status().isForbidden());
        assertThat(page("kuaida-admin", "/calls")).doesNotContain(BASE);
    }
}
