package cn.np700.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.audit.trail.AuditEntryRows;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.TestTenants;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Each user-facing state change, made through its real endpoint, leaves exactly one entry naming who, whose and what. */
@PortalIntegrationTest
class AuditActionsTests {

    private static final String PASSWORD = "a-long-password-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    TestTenants tenants;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anEnterpriseAdminDisablingAndEnablingAnAgentIsRecordedOnceEach() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        String agent = "agent-" + TestTenants.unique();
        long agentId = tenants.user(tenant.tenantId(), agent, PASSWORD, Role.ENTERPRISE_AGENT);

        mvc.perform(post("/enterprise/users/{id}/enabled", agentId).param("enabled", "false").with(csrf())
                .with(TestLogins.as(accounts, tenant.adminUsername())))
                .andExpect(redirectedUrl("/enterprise/users/" + agentId));
        assertThat(accounts.find(agent).orElseThrow().enabled()).isFalse();
        AuditEntry disabled = onlyEntry("USER_DISABLED", agentId);
        assertByTenantAdmin(disabled, tenant);
        assertThat(detailsOf(disabled)).isEqualTo(Map.of("username", agent, "role", "ENTERPRISE_AGENT"));

        mvc.perform(post("/enterprise/users/{id}/enabled", agentId).param("enabled", "true").with(csrf())
                .with(TestLogins.as(accounts, tenant.adminUsername())))
                .andExpect(redirectedUrl("/enterprise/users/" + agentId));
        assertThat(accounts.find(agent).orElseThrow().enabled()).isTrue();
        AuditEntry enabled = onlyEntry("USER_ENABLED", agentId);
        assertByTenantAdmin(enabled, tenant);
        assertThat(detailsOf(enabled)).isEqualTo(Map.of("username", agent, "role", "ENTERPRISE_AGENT"));
        assertThat(enabled.id()).isGreaterThan(disabled.id());

        // enabling an enabled user changes nothing, so it records nothing
        mvc.perform(post("/enterprise/users/{id}/enabled", agentId).param("enabled", "true").with(csrf())
                .with(TestLogins.as(accounts, tenant.adminUsername())));
        assertThat(entries("USER_ENABLED", agentId)).hasSize(1);
        assertThat(entries("USER_DISABLED", agentId)).hasSize(1);
    }

    @Test
    void anOperatorAdminChangingAStaffRoleIsRecordedWithTheOldRole() throws Exception {
        String staff = "staff-" + TestTenants.unique();
        long staffId = tenants.user(null, staff, PASSWORD, Role.OPERATOR_REVIEWER);
        long operatorId = accounts.find("operator").orElseThrow().userId();

        mvc.perform(post("/operator/users/{id}/role", staffId).param("role", "AUDITOR").with(csrf())
                .with(TestLogins.as(accounts, "operator")))
                .andExpect(redirectedUrl("/operator/users/" + staffId));

        assertThat(accounts.find(staff).orElseThrow().role()).isEqualTo(Role.AUDITOR);
        AuditEntry entry = onlyEntry("USER_ROLE_CHANGED", staffId);
        assertThat(entry.actor()).isEqualTo("operator");
        assertThat(entry.actorUserId()).isEqualTo(operatorId);
        assertThat(entry.actorTenantId()).isNull();
        assertThat(entry.tenantId()).isNull();
        assertThat(entry.targetType()).isEqualTo("USER");
        assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
        assertThat(detailsOf(entry))
                .isEqualTo(Map.of("username", staff, "role", "AUDITOR", "from", "OPERATOR_REVIEWER"));
    }

    @Test
    void aUserChangingTheirOwnPasswordIsRecordedOnceAndOnlyWhenItSucceeds() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        String agent = "agent-" + TestTenants.unique();
        long agentId = tenants.user(tenant.tenantId(), agent, PASSWORD, Role.ENTERPRISE_AGENT);
        String next = "a-new-password-2";

        mvc.perform(post("/account/password").with(csrf()).with(TestLogins.as(accounts, agent))
                .param("currentPassword", "not-the-password").param("newPassword", next).param("confirmPassword", next))
                .andExpect(status().isOk());
        assertThat(entries("PASSWORD_CHANGED", agentId)).isEmpty();

        mvc.perform(post("/account/password").with(csrf()).with(TestLogins.as(accounts, agent))
                .param("currentPassword", PASSWORD).param("newPassword", next).param("confirmPassword", next))
                .andExpect(redirectedUrl("/"));

        AuditEntry entry = onlyEntry("PASSWORD_CHANGED", agentId);
        assertThat(entry.actor()).isEqualTo(agent);
        assertThat(entry.actorUserId()).isEqualTo(agentId);
        assertThat(entry.actorTenantId()).isEqualTo(TenantId.of(tenant.tenantId()));
        assertThat(entry.tenantId()).isEqualTo(TenantId.of(tenant.tenantId()));
        assertThat(entry.targetType()).isEqualTo("USER");
        assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
        assertThat(detailsOf(entry)).isEqualTo(Map.of("username", agent, "role", "ENTERPRISE_AGENT"));
        assertThat(entry.details()).doesNotContain(PASSWORD).doesNotContain(next);
    }

    @Test
    void aSuccessfulFormLoginIsRecordedWithTheAccountAsActor() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        String agent = "agent-" + TestTenants.unique();
        long agentId = tenants.user(tenant.tenantId(), agent, PASSWORD, Role.ENTERPRISE_AGENT);

        mvc.perform(formLogin("/login").user(agent).password("wrong-password"));
        assertThat(entries("LOGIN_SUCCEEDED", agentId)).isEmpty();
        mvc.perform(formLogin("/login").user(agent).password(PASSWORD)).andExpect(redirectedUrl("/"));

        AuditEntry entry = onlyEntry("LOGIN_SUCCEEDED", agentId);
        assertThat(entry.actor()).isEqualTo(agent);
        assertThat(entry.actorUserId()).isEqualTo(agentId);
        assertThat(entry.actorTenantId()).isEqualTo(TenantId.of(tenant.tenantId()));
        assertThat(entry.tenantId()).isEqualTo(TenantId.of(tenant.tenantId()));
        assertThat(entry.targetType()).isEqualTo("USER");
        assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
        assertThat(detailsOf(entry)).isEmpty();
    }

    private void assertByTenantAdmin(AuditEntry entry, TestTenants.Created tenant) {
        assertThat(entry.actor()).isEqualTo(tenant.adminUsername());
        assertThat(entry.actorUserId()).isEqualTo(tenant.adminId());
        assertThat(entry.actorTenantId()).isEqualTo(TenantId.of(tenant.tenantId()));
        assertThat(entry.tenantId()).isEqualTo(TenantId.of(tenant.tenantId()));
        assertThat(entry.targetType()).isEqualTo("USER");
        assertThat(entry.clientIp()).isEqualTo("127.0.0.1");
    }

    private AuditEntry onlyEntry(String action, long userId) {
        List<AuditEntry> found = entries(action, userId);
        assertThat(found).as("%s entries about user %d", action, userId).hasSize(1);
        return found.get(0);
    }

    private List<AuditEntry> entries(String action, long userId) {
        return jdbc.sql(AuditEntryRows.SELECT + " WHERE action = ? AND target_type = 'USER' AND target_id = ? ORDER BY id")
                .params(action, Long.toString(userId)).query(new AuditEntryRows()).list();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detailsOf(AuditEntry entry) {
        return JSON.readValue(entry.details(), Map.class);
    }
}
