package cn.np700.portal.bindings.queries;

import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import cn.np700.portal.web.SqlWhere;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lists bindings for one tenant (or every tenant, for operators), filtered, sorted and paged in the database. The
 * status filter means the status in effect: ACTIVE excludes bindings past their expiry, EXPIRED includes them.
 */
@Component
public class BindingQueries {

    public static final Map<String, String> SORTS = Map.of("created", "created_at", "expires", "expires_at", "id", "id");

    private final JdbcClient jdbc;
    private final BindingLedger ledger;
    private final PlatformCalendar calendar;
    private final Clock clock;

    BindingQueries(JdbcClient jdbc, BindingLedger ledger, PlatformCalendar calendar, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** A tenant's scope lists its own bindings; the platform's every tenant's, narrowed by the filter's tenant. */
    public Page<Binding> find(Scope scope, BindingFilter filter, SortOrder sort, PageQuery page) {
        SqlWhere where = new SqlWhere().within(scope, "tenant_id");
        if (scope.tenant().isEmpty()) {
            where.narrowedTo(filter.tenantFilter().orElse(TenantFilter.ANY), "tenant_id");
        }
        Timestamp now = Timestamp.from(clock.instant());
        if (filter.statusValue() != null) {
            switch (filter.statusValue()) {
                case ACTIVE, SUSPENDED -> where.and("status = ? AND expires_at > ?", filter.statusValue().name(), now);
                case EXPIRED -> where.and("status = 'EXPIRED' OR (status IN ('ACTIVE', 'SUSPENDED') AND expires_at <= ?)", now);
                case UNBOUND -> where.and("status = 'UNBOUND'");
            }
        }
        if (filter.modeValue() != null) {
            where.and("mode = ?", filter.modeValue().name());
        }
        if (filter.xValue() != null) {
            where.and("x = ?", filter.xValue().value());
        }
        if (filter.orderRefValue() != null) {
            where.and("order_ref = ?", filter.orderRefValue());
        }
        if (filter.fromValue() != null) {
            where.and("created_at >= ?", Timestamp.from(calendar.startOf(filter.fromValue())));
        }
        if (filter.toValue() != null) {
            where.and("created_at < ?", Timestamp.from(calendar.startOf(filter.toValue().plusDays(1))));
        }
        byte[] hash = filter.hashValue();
        if (hash != null) {
            where.and("a_hash = ? OR b_hash = ? OR n_hash = ?", hash, hash, hash);
        }
        return where.page(jdbc, "SELECT COUNT(*) FROM binding" + where.sql(),
                "SELECT " + BindingLedger.COLUMNS + " FROM binding" + where.sql() + " ORDER BY " + sort.sql()
                        + ", id " + (sort.ascending() ? "ASC" : "DESC") + " LIMIT ? OFFSET ?",
                page, ledger::map);
    }
}
