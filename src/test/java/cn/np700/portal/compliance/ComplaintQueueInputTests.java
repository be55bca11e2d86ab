package cn.np700.portal.compliance;

import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The complaint queue's "handled" form carries the queue's filters back into its redirect, and a refused note back
 * as a flash attribute: neither may break the request or the session, whatever was typed.
 */
@PortalIntegrationTest
class ComplaintQueueInputTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    long id;

    @BeforeEach
    void aComplaint() throws Exception {
        long number = ComplaintTestData.importFreshBlock(mvc, accounts) * 10_000 + 7;
        mvc.perform(post("/check/complaints").with(csrf()).param("number", Long.toString(number))
                .param("category", "HARASSMENT").param("description", "反复来电骚扰，已持续一周。").param("website", "")
                .with(request -> {
                    request.setRemoteAddr(ComplaintTestData.freshIp());
                    return request;
                })).andExpect(status().is3xxRedirection());
        id = jdbc.sql("SELECT id FROM complaint WHERE number = ?").param(number).query(Long.class).single();
    }

    /** "{x}" in a filter was read as a URI template variable of the redirect: "Model has no value for key". */
    @Test
    void templateSyntaxInTheQueueFiltersIsCarriedLiterallyIntoTheRedirect() throws Exception {
        String location = mvc.perform(post("/operator/complaints/" + id + "/handled").with(csrf())
                        .with(as(accounts, "reviewer")).param("note", "").param("number", "{x}")
                        .param("status", "${7*7}").param("category", "*{y}"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/operator/complaints?").contains("number=%7Bx%7D").contains("status=$%7B7*7%7D")
                .endsWith("#complaint-" + id);
    }

    /**
     * Each refused note went back as a flash attribute; unfollowed redirects piled them up in the session until its
     * flash store outgrew Spring Session's 64 KB column, after which the session answered 500 to everything.
     */
    @Test
    void refusedNotesThatPileUpNeverOutgrowTheSessionStore() throws Exception {
        String tooLong = "记".repeat(3_900); // above the note's 1,000, below the request limit: refused by the form
        MvcResult first = mvc.perform(handle(tooLong)).andExpect(status().is3xxRedirection()).andReturn();
        Cookie session = first.getResponse().getCookie("SESSION");
        assertThat(session).isNotNull();
        for (int i = 0; i < 12; i++) {
            mvc.perform(handle(tooLong).cookie(session)).andExpect(status().is3xxRedirection());
        }
        long largest = jdbc.sql("""
                SELECT MAX(LENGTH(a.ATTRIBUTE_BYTES)) FROM SPRING_SESSION_ATTRIBUTES a
                JOIN SPRING_SESSION s ON s.PRIMARY_ID = a.SESSION_PRIMARY_ID WHERE s.SESSION_ID = ?""")
                .param(new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.US_ASCII))
                .query(Long.class).single();
        assertThat(largest).isLessThan(65_535);

        mvc.perform(get("/operator/complaints").cookie(session).with(as(accounts, "reviewer"))).andExpect(status().isOk());
        mvc.perform(handle("已联系企业处理。").cookie(session)).andExpect(redirectedUrl("/operator/complaints?page=1"));
        assertThat(jdbc.sql("SELECT status FROM complaint WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("HANDLED");
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder handle(String note) {
        return post("/operator/complaints/" + id + "/handled").with(csrf()).with(as(accounts, "reviewer"))
                .param("note", note);
    }
}
