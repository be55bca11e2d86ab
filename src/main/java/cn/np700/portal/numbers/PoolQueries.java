package cn.np700.portal.numbers;

import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A tenant's pool of numbers, always read with the tenant, in number order. */
@Component
class PoolQueries {

    private final JdbcClient jdbc;

    PoolQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<PoolNumberRow> find(long tenantId, PoolFilter filter, PageQuery page) {
        StringBuilder where = new StringBuilder(" WHERE tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenantId));
        String digits = filter.valid() ? filter.digits() : "";
        if (digits.length() == 15) {
            where.append(" AND number = ?");
            params.add(Long.parseLong(digits));
        } else if (digits.startsWith("700") && digits.length() > 3) {
            where.append(" AND number BETWEEN ? AND ?");
            params.add(Long.parseLong(digits + "0".repeat(15 - digits.length())));
            params.add(Long.parseLong(digits + "9".repeat(15 - digits.length())));
        } else if (!digits.isEmpty()) {
            where.append(" AND CAST(number AS CHAR) LIKE ?");
            params.add("%" + digits + "%");
        }
        if (filter.block() != null) {
            where.append(" AND number BETWEEN ? AND ?");
            params.add(filter.block() * BlockCode.NUMBERS_PER_BLOCK);
            params.add(filter.block() * BlockCode.NUMBERS_PER_BLOCK + BlockCode.NUMBERS_PER_BLOCK - 1);
        }
        if ("AVAILABLE".equals(filter.state())) {
            where.append(" AND status = 'AVAILABLE' AND live_bindings = 0");
        } else if ("IN_USE".equals(filter.state())) {
            where.append(" AND live_bindings > 0");
        } else if ("SUSPENDED".equals(filter.state())) {
            where.append(" AND status <> 'AVAILABLE'");
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM pool_number" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        List<PoolNumberRow> rows = jdbc.sql("SELECT number, status, live_bindings, suspended_reason FROM pool_number" + where
                        + " ORDER BY number LIMIT ? OFFSET ?")
                .params(pageParams)
                .query((rs, n) -> new PoolNumberRow(rs.getLong(1), NumberStatus.valueOf(rs.getString(2)), rs.getInt(3),
                        rs.getString(4)))
                .list();
        return new Page<>(rows, page.page(), page.size(), total);
    }

    long count(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    long liveBindings(long tenantId) {
        return jdbc.sql("SELECT COALESCE(SUM(live_bindings), 0) FROM pool_number WHERE tenant_id = ?")
                .param(tenantId).query(Long.class).single();
    }
}
