package cn.np700.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import org.junit.jupiter.api.Test;

/** The scope a session holds follows from the role on it, not from anything the request says. */
class CurrentUserScopeTests {

    @Test
    void everyOperatorSideRoleHoldsThePlatformScope() {
        for (Role role : Role.OPERATOR_SIDE) {
            Scope scope = CurrentUser.of(1, "op", "Op", null, role).scope();
            assertThat(scope).isInstanceOf(Scope.Platform.class);
            assertThat(((Scope.Platform) scope).grantedTo()).isEqualTo("operator op");
        }
    }

    @Test
    void everyEnterpriseRoleHoldsItsTenantsScope() {
        for (Role role : Role.ENTERPRISE_SIDE) {
            assertThat(CurrentUser.of(2, "ent", "Ent", TenantId.of(9), role).scope()).isEqualTo(Scope.of(TenantId.of(9)));
        }
    }

    @Test
    void anEnterpriseRoleWithoutATenantHoldsNothing() {
        assertThatThrownBy(() -> CurrentUser.of(3, "lost", "Lost", null, Role.ENTERPRISE_ADMIN))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aScopeThatDoesNotFitTheRoleIsRefused() {
        assertThatThrownBy(() -> new CurrentUser(4, "op", "Op", Scope.of(TenantId.of(9)), Role.OPERATOR_ADMIN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CurrentUser(5, "ent", "Ent", CurrentUser.of(6, "op", "Op", null,
                Role.AUDITOR).scope(), Role.ENTERPRISE_AGENT)).isInstanceOf(IllegalArgumentException.class);
    }
}
