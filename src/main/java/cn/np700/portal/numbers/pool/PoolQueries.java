package cn.np700.portal.numbers.pool;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.NumberStatus;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SqlWhere;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A tenant's pool of numbers, always read with the tenant, in number order. */
@Component
public class PoolQueries {

    private final JdbcClient jdbc;

    PoolQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<PoolNumberRow> find(TenantId tenantId, PoolFilter filter, PageQuery page) {
        SqlWhere where = new SqlWhere().and("tenant_id = ?", tenantId);
        String digits = filter.valid() ? filter.digits() : "";
        if (digits.length() == 15) {
            where.and("number = ?", Long.parseLong(digits));
        } else if (digits.startsWith("700") && digits.length() > 3) {
            where.and("number BETWEEN ? AND ?", Long.parseLong(digits + "0".repeat(15 - digits.length())),
                    Long.parseLong(digits + "9".repeat(15 - digits.length())));
        } else if (!digits.isEmpty()) {
            where.and("CAST(number AS CHAR) LIKE ?", "%" + digits + "%");
        }
        if (filter.block() != null) {
            BlockCode block = BlockCode.of(filter.block());
            where.and("number BETWEEN ? AND ?", block.firstNumber(), block.lastNumber());
        }
        if ("AVAILABLE".equals(filter.state())) {
            where.and("status = 'AVAILABLE' AND live_bindings = 0");
        } else if ("IN_USE".equals(filter.state())) {
            where.and("live_bindings > 0");
        } else if ("SUSPENDED".equals(filter.state())) {
            where.and("status <> 'AVAILABLE'");
        }
        return where.page(jdbc, "SELECT COUNT(*) FROM pool_number" + where.sql(),
                "SELECT number, status, live_bindings, suspended_reason FROM pool_number" + where.sql()
                        + " ORDER BY number LIMIT ? OFFSET ?", page,
                (rs, n) -> new PoolNumberRow(rs.getLong(1), NumberStatus.valueOf(rs.getString(2)), rs.getInt(3),
                        rs.getString(4)));
    }

    /** A tenant's pool size and live bindings, in one pass over its numbers. */
    record Totals(long numbers, long liveBindings) {
    }

    Totals totals(TenantId tenantId) {
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(live_bindings), 0) FROM pool_number WHERE tenant_id = ?")
                .param(tenantId).query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2))).single();
    }

    public long liveBindings(TenantId tenantId) {
        return jdbc.sql("SELECT COALESCE(SUM(live_bindings), 0) FROM pool_number WHERE tenant_id = ?")
                .param(tenantId).query(Long.class).single();
    }
}
