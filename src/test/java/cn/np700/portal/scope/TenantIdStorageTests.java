package cn.np700.portal.scope;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.web.SqlWhere;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A {@link TenantId} goes into a statement as it is, and a scope confines a WHERE clause, on the real database. */
@PortalIntegrationTest
class TenantIdStorageTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTenantIdBindsAsABigint() {
        long id = jdbc.sql("SELECT MIN(id) FROM tenant").query(Long.class).single();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tenant WHERE id = ?").param(TenantId.of(id))
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("SELECT ? + 1").param(TenantId.of(id)).query(Long.class).single()).isEqualTo(id + 1);
    }

    @Test
    void aTenantScopeConfinesTheWhereClauseAndThePlatformScopeDoesNot() {
        long all = jdbc.sql("SELECT COUNT(*) FROM tenant").query(Long.class).single();
        long id = jdbc.sql("SELECT MIN(id) FROM tenant").query(Long.class).single();
        SqlWhere own = new SqlWhere().within(Scope.of(TenantId.of(id)), "id");
        SqlWhere platform = new SqlWhere().within(Scope.job("test"), "id");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tenant" + own.sql()).params(own.params()).query(Long.class).single())
                .isEqualTo(1L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tenant" + platform.sql()).params(platform.params())
                .query(Long.class).single()).isEqualTo(all).isGreaterThan(1L);
    }
}
