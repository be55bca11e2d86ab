package cn.np700.portal.web;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A WHERE clause grown from optional filters, with its parameters in order, and the count-then-page query that
 * every server-paged list runs with it. Conditions are the caller's fixed SQL; values always travel as parameters.
 */
public final class SqlWhere {

    private final StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> params = new ArrayList<>();

    public SqlWhere and(String condition, Object... values) {
        sql.append(" AND (").append(condition).append(')');
        params.addAll(Arrays.asList(values)); // a value may be null: tenant_id <=> NULL
        return this;
    }

    /** Confines the rows to the scope's tenant on {@code column}; the platform scope adds nothing. */
    public SqlWhere within(Scope scope, String column) {
        scope.tenant().ifPresent(tenant -> and(column + " = ?", tenant));
        return this;
    }

    /** Narrows the rows to the tenant an operator chose on {@code column}; any tenant adds nothing. */
    public SqlWhere narrowedTo(TenantFilter filter, String column) {
        filter.tenant().ifPresent(tenant -> and(column + " = ?", tenant));
        return this;
    }

    /** {@code %text%} for LIKE, with the wildcards a user may type taken literally. */
    public static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public String sql() {
        return sql.toString();
    }

    public List<Object> params() {
        return Collections.unmodifiableList(params);
    }

    /**
     * Runs {@code countSql} (with this clause's parameters) for the total, then {@code pageSql}, whose last two
     * placeholders are its LIMIT and OFFSET.
     */
    public <T> Page<T> page(JdbcClient jdbc, String countSql, String pageSql, PageQuery page, RowMapper<T> rows) {
        long total = jdbc.sql(countSql).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        return new Page<>(jdbc.sql(pageSql).params(pageParams).query(rows).list(), page.page(), page.size(), total);
    }
}
