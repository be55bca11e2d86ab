package cn.np700.portal.numbers;

import cn.np700.portal.scope.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The live-binding counters of the numbers a tenant holds, for the bindings module: each moves by one conditional
 * UPDATE, so a pair cap or an AXN's hold on its X can never be passed by concurrent creations, and a number that is
 * suspended, cooling or not the tenant's takes no binding.
 */
@Component
public class NumberSeats {

    private final JdbcClient jdbc;

    NumberSeats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The whole number for one binding (AXN): only if the tenant holds it, it is available and nothing is bound. */
    public boolean takeWhole(long number, TenantId tenantId) {
        return jdbc.sql("""
                UPDATE pool_number SET live_bindings = 1, exclusive_binding = TRUE, ever_bound = TRUE
                WHERE number = ? AND tenant_id = ? AND status = 'AVAILABLE' AND live_bindings = 0""")
                .params(number, tenantId).update() == 1;
    }

    /** One more binding sharing the number (AXB): only if the tenant holds it, it is available and it has room. */
    public boolean takeShared(long number, TenantId tenantId, int maxBindings) {
        return jdbc.sql("""
                UPDATE pool_number SET live_bindings = live_bindings + 1, ever_bound = TRUE
                WHERE number = ? AND tenant_id = ? AND status = 'AVAILABLE' AND exclusive_binding = FALSE
                  AND live_bindings < ?""")
                .params(number, tenantId, maxBindings).update() == 1;
    }

    /** A binding of the tenant's on the number ended. */
    public void giveBack(long number, TenantId tenantId) {
        jdbc.sql("""
                UPDATE pool_number SET live_bindings = live_bindings - 1, exclusive_binding = FALSE
                WHERE number = ? AND tenant_id = ? AND live_bindings > 0""")
                .params(number, tenantId).update();
    }
}
