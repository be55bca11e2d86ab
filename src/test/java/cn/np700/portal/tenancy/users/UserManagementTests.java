package cn.np700.portal.tenancy.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import cn.np700.portal.tenancy.accounts.NewAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@PortalIntegrationTest
class UserManagementTests {

    @Autowired
    UserManagement management;
    @Autowired
    TestTenants tenants;
    @Autowired
    LoginAccounts accounts;

    @Test
    void createsAUserInTheScopeWithAOneTimePassword() {
        TestTenants.Created tenant = tenants.tenant();
        NewAccount account = management.create(UserScope.of(TenantId.of(tenant.tenantId())),
                new UserForm("agent-" + TestTenants.unique(), "坐席", "ENTERPRISE_AGENT"));
        LoginAccount stored = accounts.find(account.username()).orElseThrow();
        assertThat(stored.tenantId()).isEqualTo(TenantId.of(tenant.tenantId()));
        assertThat(stored.mustChangePassword()).isTrue();
    }

    @Test
    void twoAdminsDisablingEachOtherAtOnceLeaveOneEnabled() throws Exception {
        TestTenants.Created tenant = tenants.tenant();
        UserScope scope = UserScope.of(TenantId.of(tenant.tenantId()));
        NewAccount second = management.create(scope, new UserForm("second-" + TestTenants.unique(), "二号",
                "ENTERPRISE_ADMIN"));
        CurrentUser first = accounts.find(tenant.adminUsername()).orElseThrow().toCurrentUser();
        CurrentUser other = accounts.find(second.username()).orElseThrow().toCurrentUser();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        tasks.add(() -> attempt(() -> management.setEnabled(scope, first, other.userId(), false)));
        tasks.add(() -> attempt(() -> management.setEnabled(scope, other, first.userId(), false)));
        int succeeded = 0;
        for (Future<Boolean> f : pool.invokeAll(tasks)) {
            succeeded += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(succeeded).isEqualTo(1);
        long enabledAdmins = List.of(first.username(), other.username()).stream()
                .filter(u -> accounts.find(u).orElseThrow().enabled()).count();
        assertThat(enabledAdmins).isEqualTo(1);
    }

    @Test
    void resettingAPasswordForcesAChangeAndRefusesOnesOwn() {
        TestTenants.Created tenant = tenants.tenant();
        UserScope scope = UserScope.of(TenantId.of(tenant.tenantId()));
        CurrentUser admin = accounts.find(tenant.adminUsername()).orElseThrow().toCurrentUser();
        assertThatThrownBy(() -> management.resetPassword(scope, admin, admin.userId()))
                .isInstanceOf(UserRuleException.class).hasMessage("user.ownAccount");
    }

    private static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (UserRuleException e) {
            return false;
        }
    }
}
