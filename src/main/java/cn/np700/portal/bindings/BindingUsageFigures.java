package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each tenant's binding usage as the quota counters hold it, for watchers off the binding path. */
@Component
public class BindingUsageFigures {

    private final JdbcClient jdbc;

    BindingUsageFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Usage(TenantId tenantId, int live, int createdToday) {
    }

    /** These tenants' figures, those that ever bound (as {@link #all}). */
    public List<Usage> of(java.util.Collection<TenantId> tenants, LocalDate today) {
        if (tenants.isEmpty()) {
            return List.of();
        }
        List<Object> params = new java.util.ArrayList<>();
        params.add(Date.valueOf(today));
        params.addAll(tenants);
        return jdbc.sql("SELECT tenant_id, GREATEST(SUM(live), 0), SUM(IF(day = ?, created_on_day, 0)) FROM binding_usage "
                        + "WHERE tenant_id IN (" + String.join(",", tenants.stream().map(t -> "?").toList())
                        + ") GROUP BY tenant_id ORDER BY tenant_id")
                .params(params)
                .query((rs, n) -> new Usage(TenantId.of(rs.getLong(1)), rs.getInt(2), rs.getInt(3))).list();
    }

    /** Every tenant that ever bound: its live bindings, and its bindings created on {@code today}. */
    public List<Usage> all(LocalDate today) {
        return jdbc.sql("SELECT tenant_id, GREATEST(SUM(live), 0), SUM(IF(day = ?, created_on_day, 0)) FROM binding_usage "
                        + "GROUP BY tenant_id ORDER BY tenant_id")
                .param(Date.valueOf(today))
                .query((rs, n) -> new Usage(TenantId.of(rs.getLong(1)), rs.getInt(2), rs.getInt(3))).list();
    }
}
