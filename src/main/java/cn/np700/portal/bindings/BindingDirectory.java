package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Looks bindings up for other modules (call records): by a tenant's orderRef, and the orderRef of binding ids. */
@Component
public class BindingDirectory {

    /** More bindings than this under one orderRef are not a real order; the filter keeps the newest. */
    static final int MAX_PER_ORDER_REF = 1000;

    private final JdbcClient jdbc;

    BindingDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every binding (live or ended) the tenant made with this orderRef, newest first. */
    public List<Long> idsOfOrderRef(TenantId tenantId, String orderRef) {
        return jdbc.sql("SELECT id FROM binding WHERE tenant_id = ? AND order_ref = ? ORDER BY id DESC LIMIT "
                        + MAX_PER_ORDER_REF)
                .params(tenantId, orderRef).query(Long.class).list();
    }

    /** The orderRef of each of these bindings of these tenants that has one. */
    public Map<Long, String> orderRefs(Collection<TenantId> tenants, Collection<Long> bindingIds) {
        Map<Long, String> refs = new HashMap<>();
        if (bindingIds.isEmpty() || tenants.isEmpty()) {
            return refs;
        }
        jdbc.sql("SELECT id, order_ref FROM binding WHERE order_ref IS NOT NULL AND id IN (:ids) AND tenant_id IN (:tenants)")
                .param("ids", bindingIds).param("tenants", List.copyOf(tenants))
                .query(rs -> {
                    refs.put(rs.getLong("id"), rs.getString("order_ref"));
                });
        return refs;
    }
}
