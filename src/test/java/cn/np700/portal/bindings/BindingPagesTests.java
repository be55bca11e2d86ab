package cn.np700.portal.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.changes.BindingChanges;
import cn.np700.portal.bindings.creation.BindingCreation;
import cn.np700.portal.consent.Consent;
import cn.np700.portal.consent.ConsentChannel;
import cn.np700.portal.consent.Consents;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.TestTenants;
import cn.np700.portal.verification.PersonalDataCipher;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The enterprise's binding pages: the form with its live checks and refusals, the list, the detail and its actions. */
@PortalIntegrationTest
class BindingPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestTenants tenants;
    @Autowired
    BindingCreation creation;
    @Autowired
    BindingChanges changes;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Consents consents;

    private String agentOf(TestBindings.Ready tenant) {
        String username = "agent-" + TestTenants.unique();
        tenants.user(tenant.tenantId(), username, "Agent-pass-2026", Role.ENTERPRISE_AGENT);
        return username;
    }

    private MockHttpServletRequestBuilder form(String user, String mode, String a, String b, String validity, String unit) {
        return post("/bindings").with(csrf()).with(TestLogins.as(accounts, user)).param("mode", mode).param("a", a)
                .param("b", b).param("n", "").param("x", "").param("validity", validity).param("unit", unit);
    }

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long bind(TestBindings.Ready tenant, String a, String b, long seconds, String orderRef) {
        BindingInput input = new BindingInput(b == null ? "AXN" : "AXB", a, b, null, null, seconds, null, null, false,
                orderRef);
        return creation.bind(TenantId.of(tenant.tenantId()), new Actor("test", null), input, false).binding().id();
    }

    private String stateOf(long id) {
        return jdbc.sql("SELECT status FROM binding WHERE id = ?").param(id).query(String.class).single();
    }

    private Instant expiresAt(long id) {
        return jdbc.sql("SELECT expires_at FROM binding WHERE id = ?").param(id).query(java.sql.Timestamp.class).single()
                .toInstant();
    }

    /** The field's input, holding what was typed and marked invalid, followed right away by its message. */
    private static Pattern nextTo(String field, String typed, String message) {
        return Pattern.compile("<input [^>]*id=\"" + field + "\"[^>]*value=\"" + Pattern.quote(typed)
                + "\"[^>]*>\\s*<p class=\"field-error\" id=\"" + field + "-problem\"[^>]*>" + Pattern.quote(message));
    }

    /** The validity's amount and unit, then the validity's message. */
    private static Pattern nextToValidity(String typed, String message) {
        return Pattern.compile("<input [^>]*id=\"validity\"[^>]*value=\"" + Pattern.quote(typed)
                + "\"[^>]*>\\s*<select [^>]*id=\"unit\"[\\s\\S]{0,600}?</select>\\s*</div>\\s*"
                + "<p class=\"field-error\" id=\"validity-problem\"[^>]*>" + Pattern.quote(message));
    }

    private static String row(long id) {
        return "id=\"binding-" + id + "\"";
    }

    private static Pattern invalidInput(String field) {
        return Pattern.compile("<input [^>]*id=\"" + field + "\"[^>]*class=\"invalid\"|<input [^>]*class=\"invalid\"[^>]*id=\""
                + field + "\"");
    }

    @Test
    void anAgentCreatesABindingThroughTheFormAndLandsOnItsPage() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String agent = agentOf(tenant);
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String orderRef = "ORD-" + TestTenants.unique();
        Instant before = Instant.now();
        MvcResult created = mvc.perform(form(agent, "AXB", "+86 " + a, b, "2", "HOURS")
                        .param("direction", "A_TO_B_ONLY").param("record", "true").param("orderRef", orderRef))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/bindings/*"))
                .andExpect(flash().attribute("notice", "binding.created"))
                .andReturn();
        long id = Long.parseLong(created.getResponse().getRedirectedUrl().substring("/bindings/".length()));
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(1);
        assertThat(expiresAt(id)).isBetween(before.plus(Duration.ofHours(2)).minusSeconds(5),
                Instant.now().plus(Duration.ofHours(2)).plusSeconds(5));
        String row = jdbc.sql("SELECT CONCAT(mode, ' ', direction, ' ', record_calls, ' ', order_ref, ' ', created_by) "
                + "FROM binding WHERE id = ?").param(id).query(String.class).single();
        assertThat(row).isEqualTo("AXB A_TO_B_ONLY 1 " + orderRef + " " + agent);

        String page = body(get("/bindings/" + id).with(TestLogins.as(accounts, agent)));
        assertThat(page).contains(TestMobiles.masked(a), TestMobiles.masked(b), "id=\"binding-status\"", "生效中",
                "仅 A 呼出", orderRef).doesNotContain(a).doesNotContain(b);
        assertThat(page).containsPattern(Pattern.compile("id=\"timeline\"[\\s\\S]*创建绑定\\s*</strong>\\s*<span>"
                + Pattern.quote(agent) + "</span>"));
        long x = jdbc.sql("SELECT x FROM binding WHERE id = ?").param(id).query(Long.class).single();
        assertThat(page).contains(TestBindings.display(x));
        assertThat(bindings.liveOn(x)).isEqualTo(1);
    }

    @Test
    void aRefusedFormKeepsWhatWasTypedAndExplainsEachProblemNextToItsField() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String admin = tenant.admin();
        String a = bindings.verified(tenant.tenantId());

        String invalid = body(form(admin, "AXB", a, "12345", "abc", "HOURS").param("orderRef", "kept-ref"));
        assertThat(invalid).containsPattern(nextTo("b", "12345", "请输入有效的中国大陆手机号码"))
                .containsPattern(nextToValidity("abc", "有效期请填写 1 到 999999 之间的整数"))
                .containsPattern(invalidInput("b"))
                .contains("value=\"" + a + "\"", "value=\"kept-ref\"")
                .doesNotContain("id=\"a-problem\"");

        String same = body(form(admin, "AXB", a, a, "1", "HOURS"));
        assertThat(same).containsPattern(nextTo("b", a, "同一个真实号码不能在一个绑定中出现两次"));

        String unverified = TestMobiles.withPrefix("139");
        String notVerified = body(form(admin, "AXB", a, unverified, "1", "HOURS"));
        assertThat(notVerified).containsPattern(nextTo("b", unverified,
                        "号码 " + TestMobiles.masked(unverified) + " 没有有效的实名核验结果"))
                .containsPattern(Pattern.compile("<a class=\"verify-link\" id=\"b-verify\" href=\"/verifications\""))
                .doesNotContain("id=\"a-verify\"");

        String tooLong = body(form(admin, "AXB", a, bindings.verified(tenant.tenantId()), "30", "DAYS"));
        assertThat(tooLong).containsPattern(nextToValidity("30", "有效期不能超过本企业的上限"));

        String english = body(form(admin, "AXB", a, "12345", "1", "HOURS").param("lang", "en"));
        assertThat(english).containsPattern(nextTo("b", "12345", "Enter a valid"));
        assertThat(bindings.bindingsOf(tenant.tenantId())).isZero();
    }

    @Test
    void aProblemOfTheWholeRequestShowsAtTheTopOfTheForm() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        jdbc.sql("UPDATE pool_number SET status = 'SUSPENDED' WHERE tenant_id = ?").param(tenant.tenantId()).update();

        String page = body(form(tenant.admin(), "AXB", a, b, "1", "HOURS"));
        assertThat(page).containsPattern(Pattern.compile("<div class=\"flash error\" role=\"alert\" id=\"form-problems\">"
                + "\\s*<p>号码池中没有可用的 X")).contains("value=\"" + b + "\"");
        assertThat(bindings.bindingsOf(tenant.tenantId())).isZero();
    }

    @Test
    void theLiveCheckSaysWhetherANumberIsAMobileVerifiedForTheTenant() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String verified = bindings.verified(tenant.tenantId());
        String unverified = TestMobiles.withPrefix("139");

        String ok = check(tenant.admin(), "a", verified);
        assertThat(ok).startsWith("<p id=\"a-check\"").contains("已实名", TestMobiles.masked(verified))
                .doesNotContain("<html").doesNotContain(verified).doesNotContain("verify-link");
        String missing = check(tenant.admin(), "b", unverified);
        assertThat(missing).startsWith("<p id=\"b-check\"").contains(TestMobiles.masked(unverified), "还没有")
                .contains("href=\"/verifications\"");
        assertThat(check(tenant.admin(), "n", "12345")).startsWith("<p id=\"n-check\"").contains("请输入有效的中国大陆手机号码");
        assertThat(check(tenant.admin(), "a", "")).doesNotContain("field-error").doesNotContain("已实名");

        // another tenant's verification does not count
        TestBindings.Ready other = bindings.tenant();
        assertThat(check(other.admin(), "a", verified)).contains("还没有");

        mvc.perform(post("/bindings/new/check").with(csrf()).with(TestLogins.as(accounts, tenant.admin()))
                .header("HX-Request", "true").param("check", "mode").param("mode", "AXB")).andExpect(status().isNotFound());
        // without htmx the same address answers the whole form, with the check in place
        String whole = body(post("/bindings/new/check").with(csrf()).with(TestLogins.as(accounts, tenant.admin()))
                .param("check", "a").param("a", verified).param("mode", "AXB"));
        assertThat(whole).contains("<html", "id=\"binding-form\"", "value=\"" + verified + "\"", "已实名");
    }

    @Test
    void consentTickedOnTheFormIsRecordedWithTheBindingAndAudited() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String agent = agentOf(tenant);
        String a = bindings.verifiedOnly(tenant.tenantId());
        String b = bindings.verifiedOnly(tenant.tenantId());

        MvcResult created = mvc.perform(form(agent, "AXB", a, b, "1", "HOURS")
                        .param("consentA", "true").param("consentAChannel", "PAPER").param("consentAEvidence", "form 7")
                        .param("consentB", "true").param("consentBChannel", "VOICE").param("consentBEvidence", ""))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "binding.created"))
                .andReturn();
        long id = Long.parseLong(created.getResponse().getRedirectedUrl().substring("/bindings/".length()));
        assertThat(stateOf(id)).isEqualTo("ACTIVE");
        TenantId tenantId = TenantId.of(tenant.tenantId());
        Consent consentA = consents.stateOf(tenantId, a).inForce().orElseThrow();
        assertThat(consentA.channel()).isEqualTo(ConsentChannel.PAPER);
        assertThat(consentA.evidence()).isEqualTo("form 7");
        assertThat(consentA.recordedBy()).isEqualTo(agent);
        Consent consentB = consents.stateOf(tenantId, b).inForce().orElseThrow();
        assertThat(consentB.channel()).isEqualTo(ConsentChannel.VOICE);
        assertThat(consentB.evidence()).isNull();
        // audited as the API's inline consent is: by the signed-in user, the source the binding request
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE tenant_id = ? AND action = 'CONSENT_RECORDED' "
                        + "AND actor = ? AND details LIKE '%BINDING_REQUEST%'").params(tenant.tenantId(), agent)
                .query(Long.class).single()).isEqualTo(2);

        // AXN: A's consent only; B's choice, left ticked while its fields were hidden, is not sent (the core would
        // refuse a consent for a party AXN does not have)
        String axnA = bindings.verifiedOnly(tenant.tenantId());
        mvc.perform(form(agent, "AXN", axnA, "", "1", "HOURS").param("consentA", "true")
                        .param("consentAChannel", "APP").param("consentB", "true").param("consentBChannel", "APP"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "binding.created"));
        assertThat(consents.stateOf(tenantId, axnA).inForce()).isPresent();
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(2);
    }

    @Test
    void aPartyWithoutConsentIsRefusedNextToItsFieldWithTheFormKeptAndNothingRecorded() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verifiedOnly(tenant.tenantId());
        String b = bindings.verifiedOnly(tenant.tenantId());

        // A's consent ticked, B's not: refused for B, and A's consent went with the refused creation
        String refused = body(form(tenant.admin(), "AXB", a, b, "1", "HOURS").param("orderRef", "kept-ref")
                .param("consentA", "true").param("consentAChannel", "WEB").param("consentAEvidence", "web-9")
                .param("consentBChannel", "PAPER").param("consentBEvidence", "form 12"));
        assertThat(refused).containsPattern(nextTo("b", b, "号码 " + TestMobiles.masked(b) + " 没有在效的用户授权"))
                .contains("id=\"consent-b-needed\"", "value=\"kept-ref\"", "value=\"web-9\"", "value=\"form 12\"")
                .containsPattern(Pattern.compile("<input type=\"checkbox\" id=\"consentA\" name=\"consentA\" value=\"true\""
                        + "\\s+checked=\"checked\""))
                .containsPattern(Pattern.compile("<option value=\"PAPER\" selected=\"selected\""))
                .doesNotContain("id=\"a-problem\"").doesNotContain("id=\"consent-a-needed\"");
        assertThat(bindings.bindingsOf(tenant.tenantId())).isZero();
        assertThat(consents.stateOf(TenantId.of(tenant.tenantId()), a).history()).isEmpty();
        assertThat(bindings.audits("CONSENT_RECORDED", tenant.tenantId())).isZero();

        String english = body(form(tenant.admin(), "AXB", a, b, "1", "HOURS").param("lang", "en"));
        assertThat(english).containsPattern(nextTo("a", a, "Number " + TestMobiles.masked(a) + " has no consent in force"))
                .contains("id=\"consent-a-needed\"", "If the person consented, tick this");

        // a consent's own problem shows next to its field
        String tooLong = body(form(tenant.admin(), "AXB", a, b, "1", "HOURS").param("consentA", "true")
                .param("consentAChannel", "APP").param("consentAEvidence", "e".repeat(201)));
        assertThat(tooLong).containsPattern(nextTo("consentAEvidence", "e".repeat(201), "凭证编号最多 200 个字符"));
        assertThat(bindings.bindingsOf(tenant.tenantId())).isZero();
    }

    @Test
    void theFormSaysWhenAPartysConsentIsInForceInTheTenantOnly() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String consented = bindings.verified(tenant.tenantId());
        String without = bindings.verifiedOnly(tenant.tenantId());

        assertThat(check(tenant.admin(), "a", consented)).contains("id=\"a-check\"", "用户授权在效（App，授权于")
                .doesNotContain("没有该号码在效的用户授权");
        assertThat(check(tenant.admin(), "b", without)).contains("本企业还没有该号码在效的用户授权")
                .doesNotContain("用户授权在效");
        // N of AXN needs no consent, so nothing is said about it
        assertThat(check(tenant.admin(), "n", without)).doesNotContain("用户授权");
        // another enterprise's consent of the same number is neither shown nor counted
        TestBindings.Ready other = bindings.tenant();
        assertThat(check(other.admin(), "a", consented)).contains("本企业还没有该号码在效的用户授权")
                .doesNotContain("用户授权在效");

        // on submit too: a form refused for another reason says which party's consent is in force
        String refused = body(form(tenant.admin(), "AXB", consented, without, "", "HOURS").param("lang", "en"));
        assertThat(refused).containsPattern(Pattern.compile("<p id=\"a-check\"[^>]*>[\\s\\S]*?Consent in "
                + "force \\(App, granted [^)]+\\); nothing more to record\\.[\\s\\S]*?</p>"))
                .containsPattern(Pattern.compile("<p id=\"b-check\"[^>]*>[\\s\\S]*?no consent in force for this number"));
        assertThat(bindings.bindingsOf(tenant.tenantId())).isZero();
    }

    private String check(String user, String field, String typed) throws Exception {
        return body(post("/bindings/new/check").with(csrf()).with(TestLogins.as(accounts, user))
                .header("HX-Request", "true").param("check", field).param("mode", "AXB").param(field, typed)).strip();
    }

    @Test
    void theListFiltersSortsPagesAndFindsOneNumberByItsHash() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a1 = bindings.verified(tenant.tenantId());
        String b1 = bindings.verified(tenant.tenantId());
        String a2 = bindings.verified(tenant.tenantId());
        String ref = "R-" + TestTenants.unique();
        long first = bind(tenant, a1, b1, 3_600, ref);
        long second = bind(tenant, a2, null, 5 * 3_600, null);
        TestBindings.Ready other = bindings.tenant();
        long theirs = bind(other, bindings.verified(other.tenantId()), bindings.verified(other.tenantId()), 3_600, null);
        String admin = tenant.admin();

        String all = list(admin, "");
        assertThat(all).contains(row(first), row(second), TestMobiles.masked(a1))
                .doesNotContain(row(theirs)).doesNotContain(a1);
        // sorting and paging are swapped in by htmx; the link to a binding's page must leave the list
        assertThat(all).containsPattern(Pattern.compile("<a class=\"binding-link\" hx-boost=\"false\" href=\"/bindings/"
                + first + "\">" + first + "</a>"));
        assertThat(all.indexOf(row(second))).as("newest first").isLessThan(all.indexOf(row(first)));
        String byExpiry = list(admin, "sort=expires");
        assertThat(byExpiry.indexOf(row(first))).isLessThan(byExpiry.indexOf(row(second)));
        String byExpiryDown = list(admin, "sort=-expires");
        assertThat(byExpiryDown.indexOf(row(second))).isLessThan(byExpiryDown.indexOf(row(first)));

        assertThat(list(admin, "mode=AXN")).contains(row(second)).doesNotContain(row(first));
        assertThat(list(admin, "orderRef=" + ref)).contains(row(first)).doesNotContain(row(second));
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        assertThat(list(admin, "from=" + today + "&to=" + today)).contains(row(first), row(second));
        assertThat(list(admin, "from=" + tomorrow)).doesNotContain(row(first)).contains("没有符合条件的记录");
        changes.unbind(TenantId.of(tenant.tenantId()), second, new Actor("test", null), "UNBOUND");
        assertThat(list(admin, "status=UNBOUND")).contains(row(second)).doesNotContain(row(first));
        assertThat(list(admin, "status=ACTIVE")).contains(row(first)).doesNotContain(row(second));

        // bad values are kept as typed and explained next to their field; the other filters still apply
        String bad = list(admin, "from=2026-13-45&x=12345&status=BOGUS&orderRef=" + ref);
        assertThat(bad).containsPattern(Pattern.compile("name=\"from\" value=\"2026-13-45\"[^>]*>\\s*"
                        + "<span class=\"field-error\" id=\"from-problem\"[^>]*>日期应按"))
                .containsPattern(Pattern.compile("name=\"x\" value=\"12345\"[^>]*>\\s*"
                        + "<span class=\"field-error\" id=\"x-problem\"[^>]*>请输入 15 位 700 号码"))
                .containsPattern(Pattern.compile("<option value=\"BOGUS\" selected[^>]*>BOGUS</option>\\s*</select>\\s*"
                        + "<span class=\"field-error\" id=\"status-problem\""))
                .contains(row(first)).doesNotContain(row(second));

        // one number, found exactly through its keyed hash; the address never holds the number
        String location = mvc.perform(post("/bindings/search").with(csrf()).with(TestLogins.as(accounts, admin))
                        .param("number", "+86 " + a1).param("sort", "expires"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).contains("numberHash=" + HexFormat.of().formatHex(cipher.index(a1)))
                .contains("sort=expires").doesNotContain(a1);
        String found = body(get(location).with(TestLogins.as(accounts, admin)));
        assertThat(found).contains(row(first), "id=\"number-filter\"").doesNotContain(row(second));
        String byB = mvc.perform(post("/bindings/search").with(csrf()).with(TestLogins.as(accounts, admin))
                .param("number", b1)).andReturn().getResponse().getRedirectedUrl();
        assertThat(body(get(byB).with(TestLogins.as(accounts, admin)))).contains(row(first))
                .doesNotContain(row(second));
        String notAMobile = body(post("/bindings/search").with(csrf()).with(TestLogins.as(accounts, admin))
                .param("number", "12345"));
        assertThat(notAMobile).containsPattern(Pattern.compile("value=\"12345\"[^>]*class=\"invalid\""))
                .contains("id=\"number-problem\"", "请输入有效的中国大陆手机号码");

        // htmx asks for the filters and the results together, so that the messages update with them
        String fragment = mvc.perform(get("/bindings?x=1").with(TestLogins.as(accounts, admin)).header("HX-Request", "true"))
                .andReturn().getResponse().getContentAsString().strip();
        assertThat(fragment).startsWith("<div class=\"panel\" id=\"binding-list\"").doesNotContain("<html")
                .contains("id=\"x-problem\"", "id=\"bindings\"");
    }

    private String list(String user, String query) throws Exception {
        return body(get("/bindings?" + query).with(TestLogins.as(accounts, user)));
    }

    @Test
    void theDetailShowsTheTimelineAndAnotherTenantsBindingAnswers404() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long id = bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), 3_600, null);
        String page = body(get("/bindings/" + id).with(TestLogins.as(accounts, tenant.admin())));
        assertThat(page).contains("id=\"timeline\"", "创建绑定", "id=\"unbind-form\"", "id=\"expiry-form\"");

        TestBindings.Ready other = bindings.tenant();
        mvc.perform(get("/bindings/" + id).with(TestLogins.as(accounts, other.admin()))).andExpect(status().isNotFound());
        mvc.perform(post("/bindings/" + id + "/unbind").with(csrf()).with(TestLogins.as(accounts, other.admin()))
                .param("confirm", "true")).andExpect(status().isNotFound());
        mvc.perform(post("/bindings/" + id + "/expiry").with(csrf()).with(TestLogins.as(accounts, other.admin()))
                .param("validity", "5").param("unit", "HOURS")).andExpect(status().isNotFound());
        assertThat(stateOf(id)).isEqualTo("ACTIVE");
        mvc.perform(get("/bindings/abc").with(TestLogins.as(accounts, tenant.admin()))).andExpect(status().isNotFound());
        mvc.perform(get("/bindings/9" + id + "999").with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/bindings/" + id).with(TestLogins.as(accounts, "operator"))).andExpect(status().isForbidden());
    }

    @Test
    void unbindingNeedsTheTickedBoxThenEndsTheBinding() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String agent = agentOf(tenant);
        long id = bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), 3_600, null);
        long x = jdbc.sql("SELECT x FROM binding WHERE id = ?").param(id).query(Long.class).single();

        String refused = body(post("/bindings/" + id + "/unbind").with(csrf()).with(TestLogins.as(accounts, agent)));
        assertThat(refused).containsPattern(Pattern.compile("id=\"confirm\"[^>]*>[\\s\\S]{0,200}</fieldset>\\s*"
                + "<p class=\"field-error\" id=\"confirm-problem\"[^>]*>请先勾选确认"));
        assertThat(stateOf(id)).isEqualTo("ACTIVE");

        mvc.perform(post("/bindings/" + id + "/unbind").with(csrf()).with(TestLogins.as(accounts, agent))
                        .param("confirm", "true"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/bindings/" + id))
                .andExpect(flash().attribute("notice", "binding.unbound"));
        assertThat(stateOf(id)).isEqualTo("UNBOUND");
        assertThat(bindings.liveOn(x)).isZero();
        String page = body(get("/bindings/" + id).with(TestLogins.as(accounts, agent)));
        assertThat(page).contains("已解绑", "解除绑定").doesNotContain("id=\"unbind-form\"").doesNotContain("id=\"expiry-form\"");
        assertThat(page).containsPattern(Pattern.compile("解除绑定\\s*</strong>\\s*<span>" + Pattern.quote(agent)));
    }

    @Test
    void theExpiryIsChangedOnTheDetailPageAndBadValuesAreExplainedNextToTheField() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        long id = bind(tenant, bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()), 3_600, null);
        Instant was = expiresAt(id);
        String admin = tenant.admin();

        assertThat(body(expiry(admin, id, "0", "HOURS")))
                .containsPattern(nextToValidity("0", "有效期请填写 1 到 999999 之间的整数"));
        assertThat(body(expiry(admin, id, "30", "DAYS")))
                .containsPattern(nextToValidity("30", "有效期不能超过本企业的上限"));
        assertThat(expiresAt(id)).isEqualTo(was);

        Instant before = Instant.now();
        mvc.perform(expiry(admin, id, "3", "DAYS")).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "binding.expiryChanged"));
        assertThat(expiresAt(id)).isBetween(before.plus(Duration.ofDays(3)).minusSeconds(5),
                Instant.now().plus(Duration.ofDays(3)).plusSeconds(5));
        assertThat(body(get("/bindings/" + id).with(TestLogins.as(accounts, admin)))).contains("修改绑定");

        changes.unbind(TenantId.of(tenant.tenantId()), id, new Actor("test", null), "UNBOUND");
        Instant ended = expiresAt(id);
        mvc.perform(expiry(admin, id, "3", "HOURS")).andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("errorText", org.hamcrest.Matchers.containsString("该绑定已结束")));
        assertThat(expiresAt(id)).isEqualTo(ended);
    }

    private MockHttpServletRequestBuilder expiry(String user, long id, String validity, String unit) {
        return post("/bindings/" + id + "/expiry").with(csrf()).with(TestLogins.as(accounts, user))
                .param("validity", validity).param("unit", unit);
    }
}
