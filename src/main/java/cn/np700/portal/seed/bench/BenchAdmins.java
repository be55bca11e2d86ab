package cn.np700.portal.seed.bench;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import org.springframework.stereotype.Component;

/** The bench enterprises found by their admins' usernames (the plan names them; their ids are the database's). */
@Component
class BenchAdmins {

    private final BenchPlan plan;
    private final LoginAccounts accounts;

    BenchAdmins(BenchPlan plan, LoginAccounts accounts) {
        this.plan = plan;
        this.accounts = accounts;
    }

    TenantId tenantOf(int t) {
        return admin(t).tenant();
    }

    CurrentUser admin(int t) {
        return user(plan.admin(t));
    }

    CurrentUser user(String username) {
        return accounts.find(username).map(LoginAccount::toCurrentUser).orElseThrow();
    }
}
