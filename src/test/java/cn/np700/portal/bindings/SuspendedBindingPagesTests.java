package cn.np700.portal.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.np700.portal.bindings.creation.BindingCreation;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.suspension.SuspensionSource;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.web.DisplayTimes;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An enterprise sees a suspension where it works: a live binding on a suspended X reads suspended (with why, as a
 * category and a day, never the operator's name or note) in the list and on its page, the number list says why, and
 * the dashboard carries a banner; all back to normal once the reason is lifted.
 */
@PortalIntegrationTest
class SuspendedBindingPagesTests {

    private static final String OPERATOR_NOTE = "内部核查备注-勿外泄";
    private static final String OPERATOR_NAME = "risk-officer-li";

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    BindingCreation creation;
    @Autowired
    NumberSuspensions numbers;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    Clock clock;
    @Autowired
    DisplayTimes times;

    private String page(String user, String url) throws Exception {
        return mvc.perform(get(url).with(TestLogins.as(accounts, user))).andReturn().getResponse().getContentAsString();
    }

    private static String row(String list, long id) {
        Matcher m = Pattern.compile("<tr id=\"binding-" + id + "\">(.*?)</tr>", Pattern.DOTALL).matcher(list);
        assertThat(m.find()).as("row of binding " + id).isTrue();
        return m.group(1);
    }

    @Test
    void aBindingOnASuspendedNumberReadsSuspendedWithTheReasonsCategoryAndDay() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        BindingInput input = new BindingInput("AXB", bindings.verified(tenant.tenantId()), bindings.verified(tenant.tenantId()),
                null, null, 3600L, null, null, false, null);
        Binding binding = creation.bind(TenantId.of(tenant.tenantId()), new Actor("test", null), input, false).binding();
        long id = binding.id();
        long x = binding.x();
        String admin = tenant.admin();
        assertThat(row(page(admin, "/bindings"), id)).contains("生效中");
        assertThat(page(admin, "/")).doesNotContain("id=\"suspension-banner\"");

        numbers.suspendFor(new UsageNumber(x), SuspensionSource.ALERT, "4242", OPERATOR_NAME, OPERATOR_NOTE);

        String today = times.day(clock.instant());
        assertThat(row(page(admin, "/bindings"), id)).contains("已暂停（号码已暂停）").doesNotContain("生效中");
        String detail = page(admin, "/bindings/" + id);
        assertThat(detail).contains("id=\"binding-status\"", "已暂停（号码已暂停）", "id=\"suspension-panel\"", "风险告警", today)
                .doesNotContain(OPERATOR_NOTE).doesNotContain(OPERATOR_NAME).doesNotContain("生效中");
        assertThat(page(admin, "/numbers?state=SUSPENDED")).contains("风险告警 · " + today).doesNotContain(OPERATOR_NOTE);
        assertThat(page(admin, "/")).contains("id=\"suspension-banner\"", "1 个号码已暂停，其上有 1 条生效绑定");
        assertThat(page("operator", "/operator/bindings/" + id)).contains(OPERATOR_NOTE, OPERATOR_NAME);
        // the tenant API says so too: the binding is live but held by its number's suspension
        assertThat(api(tenant, "/api/v1/bindings/" + id)).contains("\"heldBy\":[\"NUMBER\"]");
        assertThat(api(tenant, "/api/v1/bindings?x=" + x)).contains("\"heldBy\":[\"NUMBER\"]");

        numbers.liftFor(new UsageNumber(x), SuspensionSource.ALERT, "4242", OPERATOR_NAME, "误报");

        assertThat(row(page(admin, "/bindings"), id)).contains("生效中");
        assertThat(page(admin, "/")).doesNotContain("id=\"suspension-banner\"");
        assertThat(api(tenant, "/api/v1/bindings/" + id)).contains("\"heldBy\":[]");
    }

    private String api(TestBindings.Ready tenant, String url) throws Exception {
        return mvc.perform(get(url).header("Authorization", "Bearer " + tenant.key())).andReturn().getResponse()
                .getContentAsString();
    }
}
