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
            Scope scope = new CurrentUser(1, "op", "Op", null, role).scope();
            assertThat(scope).isInstanceOf(Scope.Platform.class);
            assertThat(((Scope.Platform) scope).grantedTo()).isEqualTo("operator op");
        }
    }

    @Test
    void everyEnterpriseRoleHoldsItsTenantsScope() {
        for (Role role : Role.ENTERPRISE_SIDE) {
            assertThat(new CurrentUser(2, "ent", "Ent", 9L, role).scope()).isEqualTo(Scope.of(TenantId.of(9)));
        }
    }

    @Test
    void anEnterpriseRoleWithoutATenantHoldsNothing() {
        assertThatThrownBy(() -> new CurrentUser(3, "lost", "Lost", null, Role.ENTERPRISE_ADMIN).scope())
                .isInstanceOf(IllegalStateException.class);
    }
}
