package cn.np700.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Every role against every page: what the navigation shows is what the server allows, and nothing more. */
@PortalIntegrationTest
class AccessMatrixTests {

    private static final String[] USERS = {"operator", "reviewer", "auditor", "kuaida-admin", "kuaida-agent"};

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // method, path,                    operator, reviewer, auditor, ent-admin, ent-agent
            "GET,  /,                            200, 200, 200, 200, 200",
            "GET,  /account/password,            200, 200, 200, 200, 200",
            "GET,  /operator/tenants,            200, 200, 200, 403, 403",
            "GET,  /operator/tenants/1,          200, 200, 200, 403, 403",
            "GET,  /operator/tenants/new,        200, 403, 403, 403, 403",
            "GET,  /operator/tenants/1/edit,     200, 403, 403, 403, 403",
            "POST, /operator/tenants,            200, 403, 403, 403, 403",
            "POST, /operator/tenants/1/status,   200, 403, 403, 403, 403",
            "GET,  /operator/users,              200, 200, 200, 403, 403",
            "GET,  /operator/users/new,          200, 403, 403, 403, 403",
            "POST, /operator/users,              200, 403, 403, 403, 403",
            "GET,  /enterprise/users,            403, 403, 403, 200, 403",
            "GET,  /enterprise/users/new,        403, 403, 403, 200, 403",
            "POST, /enterprise/users,            403, 403, 403, 200, 403",
            "GET,  /enterprise/profile,          403, 403, 403, 200, 403",
            "GET,  /audit,                       200, 403, 200, 200, 403",
            "POST, /audit/verify,                403, 403, 200, 403, 403",
            "GET,  /actuator/prometheus,         200, 403, 403, 403, 403",
            "GET,  /operator/inventory,          200, 200, 200, 403, 403",
            "GET,  /operator/inventory/import,   200, 403, 403, 403, 403",
            "POST, /operator/inventory/import,   200, 403, 403, 403, 403",
            "GET,  /operator/blocks/70010000000, 200, 200, 200, 403, 403",
            "POST, /operator/blocks/70010000000/suspend, 200, 403, 403, 403, 403",
            "GET,  /operator/requests,           200, 200, 200, 403, 403",
            "GET,  /operator/requests/1,         200, 200, 200, 403, 403",
            "POST, /operator/requests/999999/reject, 404, 404, 403, 403, 403",
            "GET,  /operator/tenants/1/quotas,   200, 200, 200, 403, 403",
            "POST, /operator/tenants/1/quotas,   200, 403, 403, 403, 403",
            "GET,  /operator/history,            200, 403, 200, 403, 403",
            "GET,  /operator/numbers,            200, 200, 200, 403, 403",
            "GET,  /operator/numbers/700100000000001, 200, 200, 200, 403, 403",
            "POST, /operator/numbers/700100000000001/suspend, 200, 403, 403, 403, 403",
            "POST, /operator/numbers/700100000000001/lift, 200, 403, 403, 403, 403",
            "GET,  /notifications,               200, 200, 200, 200, 200",
            "GET,  /notifications/unread-count,  200, 200, 200, 200, 200",
            "POST, /notifications/999999999999/read, 404, 404, 404, 404, 404",
            "POST, /notifications/read-all,      200, 200, 200, 200, 200",
            "GET,  /numbers,                     403, 403, 403, 200, 200",
            "GET,  /numbers/requests,            403, 403, 403, 200, 200",
            "POST, /numbers/requests,            403, 403, 403, 200, 403",
            "POST, /numbers/blocks/70010000100/release, 403, 403, 403, 404, 403",
            "GET,  /verifications,               403, 403, 403, 200, 200",
            "GET,  /operator/verifications,      200, 200, 200, 403, 403",
            "POST, /operator/verifications/search, 200, 200, 200, 403, 403",
            "GET,  /enterprise/api-keys,         403, 403, 403, 200, 403",
            "POST, /enterprise/api-keys,         403, 403, 403, 200, 403",
            "POST, /verifications,               403, 403, 403, 200, 200",
            "GET,  /calls,                       403, 403, 403, 200, 200",
            "GET,  /calls/999999999999,          403, 403, 403, 404, 404",
            "GET,  /calls/statistics,            403, 403, 403, 200, 200",
            "GET,  /calls/export?from=2000-01-01&to=2000-01-01, 403, 403, 403, 200, 200",
            "GET,  /operator/calls,              200, 200, 200, 403, 403",
            "GET,  /operator/calls/999999999999, 404, 404, 404, 403, 403",
            "GET,  /operator/calls/export?from=2000-01-01&to=2000-01-01, 200, 200, 200, 403, 403",
            "GET,  /operator/calls/statistics,   200, 200, 200, 403, 403",
            "GET,  /operator/calls/unmatched,    200, 200, 200, 403, 403",
            "GET,  /operator/calls/rejections,   200, 200, 200, 403, 403",
            "GET,  /operator/calls/unmatched-events, 200, 200, 200, 403, 403",
            "GET,  /operator/calls/unmatched-events/count, 200, 200, 200, 403, 403",
            "POST, /operator/calls/unmatched/999999999999/reviewed, 404, 404, 403, 403, 403",
            "GET,  /operator/complaints,         200, 200, 200, 403, 403",
            "POST, /operator/complaints/999999999999/handled, 404, 404, 403, 403, 403",
            "GET,  /complaints,                  403, 403, 403, 200, 403",
            "POST, /operator/risk/alerts/999999999999/lift, 404, 404, 403, 403, 403",
            "POST, /operator/bindings/999999999999/restore, 404, 404, 403, 403, 403",
            "GET,  /check,                       200, 200, 200, 200, 200",
    })
    void roleMayOpenOnlyWhatItNeeds(String method, String path, int operator, int reviewer, int auditor, int admin,
            int agent) throws Exception {
        int[] expected = {operator, reviewer, auditor, admin, agent};
        for (int i = 0; i < USERS.length; i++) {
            MockHttpServletRequestBuilder request = method.equals("GET") ? get(path) : post(path).with(csrf());
            int status = mvc.perform(request.with(TestLogins.as(accounts, USERS[i]))).andReturn().getResponse().getStatus();
            // a refused form post re-renders (200) or redirects (302): either way the role got through the door
            int normalised = status == 302 ? 200 : status;
            assertThat(normalised).as("%s %s as %s", method, path, USERS[i]).isEqualTo(expected[i]);
        }
    }

    @ParameterizedTest
    @CsvSource({"/", "/operator/tenants", "/audit", "/enterprise/users"})
    void anonymousVisitorsAreSentToTheLoginPage(String path) throws Exception {
        var response = mvc.perform(get(path)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).endsWith("/login");
    }
}
