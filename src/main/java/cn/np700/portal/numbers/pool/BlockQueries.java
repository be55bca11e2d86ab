package cn.np700.portal.numbers.pool;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.inventory.InventoryFilter;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import cn.np700.portal.web.SqlWhere;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads of blocks, filtered, sorted and paged in SQL. A code prefix becomes a range on the unique code index, so the
 * list stays quick with 100,000 blocks; usage is summed over one block's primary-key range of numbers at a time.
 */
@Component
public class BlockQueries {

    public static final Map<String, String> SORTS = Map.of("code", "b.code", "status", "b.status", "tenant", "t.name",
            "granted", "b.grant_date", "allocated", "b.allocated_at", "cooling", "b.cooling_until");

    private static final String SELECT = """
            SELECT b.code, b.status, b.tenant_id, t.name AS tenant_name, b.request_id, b.grant_ref, b.grant_date,
                   b.import_id, b.allocated_at, b.cooling_until, b.suspended_reason
            FROM number_block b LEFT JOIN tenant_profile t ON t.id = b.tenant_id""";

    private final JdbcClient jdbc;

    BlockQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Page<BlockRow> find(InventoryFilter filter, SortOrder sort, PageQuery page) {
        SqlWhere where = new SqlWhere();
        String prefix = filter.prefixValid() ? filter.prefixDigits() : "";
        if (!prefix.isEmpty()) {
            where.and("b.code BETWEEN ? AND ?", Long.parseLong(prefix + "0".repeat(11 - prefix.length())),
                    Long.parseLong(prefix + "9".repeat(11 - prefix.length())));
        }
        if (filter.statusValue() != null) {
            where.and("b.status = ?", filter.statusValue().name());
        }
        filter.tenantFilter().ifPresentOrElse(tenant -> where.narrowedTo(tenant, "b.tenant_id"),
                () -> where.and("1 = 0")); // not a tenant id: reported beside the field, and nothing listed
        // deferred join: the offset walks only the index, and just one page of rows is read in full
        String tenantJoin = sort.key().equals("tenant") ? " LEFT JOIN tenant_profile t ON t.id = b.tenant_id" : "";
        return where.page(jdbc, "SELECT COUNT(*) FROM number_block b" + where.sql(),
                SELECT + " JOIN (SELECT b.code FROM number_block b" + tenantJoin + where.sql() + " ORDER BY " + sort.sql()
                        + ", b.code LIMIT ? OFFSET ?) page ON page.code = b.code ORDER BY " + sort.sql() + ", b.code",
                page, BlockQueries::map);
    }

    public Optional<BlockRow> find(BlockCode code) {
        return jdbc.sql(SELECT + " WHERE b.code = ?").param(code.value()).query(BlockQueries::map).optional();
    }

    public List<BlockRow> heldBy(TenantId tenantId) {
        return jdbc.sql(SELECT + " WHERE b.tenant_id = ? ORDER BY b.code").param(tenantId).query(BlockQueries::map).list();
    }

    public Map<BlockStatus, Long> countByStatus() {
        Map<BlockStatus, Long> counts = new EnumMap<>(BlockStatus.class);
        for (BlockStatus s : BlockStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) FROM number_block GROUP BY status")
                .query(rs -> {
                    counts.put(BlockStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** The usage of an allocated block: its numbers are all in its holder's pool. */
    BlockUsage usage(BlockRow allocated) {
        BlockCode block = BlockCode.of(allocated.code());
        return jdbc.sql("""
                SELECT COALESCE(SUM(live_bindings), 0), COALESCE(SUM(live_bindings > 0), 0), COALESCE(SUM(ever_bound), 0),
                       COALESCE(SUM(status <> 'AVAILABLE'), 0)
                FROM pool_number WHERE tenant_id = ? AND number BETWEEN ? AND ?""")
                .params(allocated.tenantId(), block.firstNumber(), block.lastNumber())
                .query((rs, n) -> new BlockUsage(allocated.code(), rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)))
                .single();
    }

    public List<BlockUsage> usage(List<BlockRow> blocks) {
        return blocks.stream().map(this::usage).toList();
    }

    static BlockRow map(ResultSet rs, int n) throws SQLException {
        Timestamp allocated = rs.getTimestamp("allocated_at");
        Timestamp cooling = rs.getTimestamp("cooling_until");
        Date granted = rs.getDate("grant_date");
        return new BlockRow(rs.getLong("code"), BlockStatus.valueOf(rs.getString("status")), TenantId.ofNullable(rs.getObject("tenant_id", Long.class)).orElse(null),
                rs.getString("tenant_name"), (Long) rs.getObject("request_id"), rs.getString("grant_ref"),
                granted.toLocalDate(), rs.getLong("import_id"), allocated == null ? null : allocated.toInstant(),
                cooling == null ? null : cooling.toInstant(), rs.getString("suspended_reason"));
    }
}
