package cn.np700.portal.security;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.apikeys.ApiKeys;
import cn.np700.portal.tenancy.BenchPlan;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One API key per bench enterprise, with a secret the load generator derives from the tenant's number. */
@Component
@Order(160)
@ConditionalOnProperty(name = "portal.bench.seed", havingValue = "true")
class BenchApiKeys implements ApplicationRunner {

    private final BenchPlan plan;
    private final ApiKeys keys;
    private final JdbcClient jdbc;

    BenchApiKeys(BenchPlan plan, ApiKeys keys, JdbcClient jdbc) {
        this.plan = plan;
        this.keys = keys;
        this.jdbc = jdbc;
    }

    static String secret(int t) {
        return ApiKeys.PREFIX + String.format("bench-tenant-%02d-local-benchmark-key-", t) + "0".repeat(18);
    }

    @Override
    public void run(ApplicationArguments args) {
        for (int t = 1; t <= plan.tenants(); t++) {
            long tenantId = jdbc.sql("SELECT tenant_id FROM user_account WHERE username = ?").param(plan.admin(t))
                    .query(Long.class).single();
            if (jdbc.sql("SELECT COUNT(*) FROM api_key WHERE tenant_id = ? AND name = 'bench'").param(tenantId)
                    .query(Long.class).single() == 0) {
                keys.create(TenantId.of(tenantId), "bench", null, BenchPlan.LOADER, secret(t));
            }
        }
    }
}
