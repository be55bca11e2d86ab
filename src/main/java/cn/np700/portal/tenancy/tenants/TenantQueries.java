package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.audit.TenantLabels;
import cn.np700.portal.tenancy.BusinessCategory;
import cn.np700.portal.tenancy.TenantStatus;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import cn.np700.portal.web.SqlWhere;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads for the operator's tenant pages: filtered, sorted and paged in SQL. */
@Component
public class TenantQueries implements TenantLabels {

    static final Map<String, String> SORTS = Map.of("name", "t.name", "created", "t.created_at", "status", "t.status",
            "volume", "t.daily_order_volume");

    private final JdbcClient jdbc;

    TenantQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<TenantRow> find(TenantFilter filter, SortOrder sort, PageQuery page) {
        SqlWhere where = new SqlWhere();
        if (filter.text() != null) {
            String like = SqlWhere.contains(filter.text());
            where.and("t.name LIKE ? OR t.credit_code LIKE ?", like, like.toUpperCase());
        }
        if (filter.status() != null) {
            where.and("t.status = ?", filter.status().name());
        }
        if (filter.category() != null) {
            where.and("t.category = ?", filter.category().name());
        }
        return where.page(jdbc, "SELECT COUNT(*) FROM tenant t" + where.sql(), """
                SELECT t.id, t.name, t.credit_code, t.category, t.status, t.daily_order_volume, t.created_at,
                       (SELECT COUNT(*) FROM user_account u WHERE u.tenant_id = t.id) AS users
                FROM tenant t""" + where.sql() + " ORDER BY " + sort.sql() + ", t.id LIMIT ? OFFSET ?", page,
                (rs, n) -> new TenantRow(rs.getLong("id"), rs.getString("name"), rs.getString("credit_code"),
                        BusinessCategory.valueOf(rs.getString("category")), TenantStatus.valueOf(rs.getString("status")),
                        rs.getLong("daily_order_volume"), rs.getInt("users"), rs.getTimestamp("created_at").toInstant()));
    }

    public Map<TenantStatus, Long> countByStatus() {
        Map<TenantStatus, Long> counts = new LinkedHashMap<>();
        for (TenantStatus status : TenantStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) FROM tenant GROUP BY status")
                .query(rs -> {
                    counts.put(TenantStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    public Map<BusinessCategory, Long> volumeByCategory() {
        Map<BusinessCategory, Long> volumes = new LinkedHashMap<>();
        for (BusinessCategory category : BusinessCategory.values()) {
            volumes.put(category, 0L);
        }
        jdbc.sql("SELECT category, SUM(daily_order_volume) FROM tenant WHERE status = 'ACTIVE' GROUP BY category")
                .query(rs -> {
                    volumes.put(BusinessCategory.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return volumes;
    }

    @Override
    public Map<Long, String> all() {
        Map<Long, String> labels = new LinkedHashMap<>();
        jdbc.sql("SELECT id, name FROM tenant ORDER BY name").query(rs -> {
            labels.put(rs.getLong(1), rs.getString(2));
        });
        return labels;
    }
}
