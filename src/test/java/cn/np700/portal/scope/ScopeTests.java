package cn.np700.portal.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeTests {

    @Test
    void aTenantIdIsPositiveAndPrintsAsItsDigits() {
        assertThat(TenantId.of(42)).hasToString("42");
        assertThat(TenantId.valueOf(" 42 ")).isEqualTo(TenantId.of(42));
        assertThatThrownBy(() -> TenantId.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantId.valueOf("-3")).isInstanceOf(IllegalArgumentException.class);
        assertThat(TenantId.ofNullable(null)).isEmpty();
    }

    @Test
    void aTenantScopeCoversOnlyItsTenant() {
        Scope own = Scope.of(TenantId.of(7));
        assertThat(own.tenant()).contains(TenantId.of(7));
        assertThat(own.covers(TenantId.of(7))).isTrue();
        assertThat(own.covers(TenantId.of(8))).isFalse();
        assertThatThrownBy(() -> new Scope.Tenant(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePlatformScopeCoversEveryTenantAndSaysWhoHoldsIt() {
        Scope.Platform platform = Scope.operator("op");
        assertThat(platform.tenant()).isEmpty();
        assertThat(platform.covers(TenantId.of(8))).isTrue();
        assertThat(platform.grantedTo()).isEqualTo("operator op");
        assertThat(Scope.job("retention").grantedTo()).isEqualTo("job retention");
    }

    @Test
    void anOperatorsTenantFilterIsParsedOrRefusedNeverWidened() {
        assertThat(TenantFilter.parse(" ")).contains(TenantFilter.ANY);
        assertThat(TenantFilter.parse(null)).contains(TenantFilter.ANY);
        assertThat(TenantFilter.parse(" 12 ")).contains(TenantFilter.of(TenantId.of(12)));
        assertThat(TenantFilter.parse("0")).isEmpty();
        assertThat(TenantFilter.parse("12abc")).isEmpty();
        assertThat(TenantFilter.parse("-1")).isEmpty();
        assertThat(TenantFilter.parse("1234567890123456789")).as("more digits than a tenant id has").isEmpty();
    }
}
