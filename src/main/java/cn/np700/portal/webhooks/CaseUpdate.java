package cn.np700.portal.webhooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One UPDATE of many rows that each get their own values: {@code col = CASE id WHEN ? THEN ? … ELSE col END} per
 * column, for the rows whose column changes, and each row only while it still has the claim token it was given.
 * Each assignment reads only its own column and the id, so MariaDB's left-to-right assignment order does not matter.
 */
final class CaseUpdate {

    private final String table;
    private final Map<String, List<Object>> whens = new LinkedHashMap<>();
    private final List<Object> claims = new ArrayList<>();
    private final List<Object> ids = new ArrayList<>();

    CaseUpdate(String table, String... columns) {
        this.table = table;
        for (String column : columns) {
            whens.put(column, new ArrayList<>());
        }
    }

    void set(long id, String column, Object value) {
        List<Object> pairs = whens.get(column);
        pairs.add(id);
        pairs.add(value);
    }

    /** The row is updated only while its claim_token is still {@code token}. */
    void row(long id, String token) {
        ids.add(id);
        claims.add(id);
        claims.add(token);
    }

    /** Runs the UPDATE with {@code also} (fixed assignments for every row); the rows it changed. */
    int run(JdbcClient jdbc, String also) {
        if (ids.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ");
        List<Object> params = new ArrayList<>();
        whens.forEach((column, pairs) -> {
            if (!pairs.isEmpty()) {
                sql.append(column).append(" = ").append(cases(pairs.size() / 2)).append(" ELSE ").append(column).append(" END, ");
                params.addAll(pairs);
            }
        });
        sql.append(also).append(" WHERE id IN (").append(DeliveryLedger.marks(ids.size())).append(") AND claim_token = ")
                .append(cases(ids.size())).append(" END");
        params.addAll(ids);
        params.addAll(claims);
        return jdbc.sql(sql.toString()).params(params).update();
    }

    private static String cases(int count) {
        return "CASE id" + " WHEN ? THEN ?".repeat(count);
    }
}
