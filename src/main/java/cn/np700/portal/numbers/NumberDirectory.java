package cn.np700.portal.numbers;

import cn.np700.portal.scope.TenantId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import cn.np700.portal.database.OneOffStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Batch look-ups for other modules: which blocks the platform has been granted, and who holds a usage number now. */
@Component
public class NumberDirectory {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    NumberDirectory(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** Of these block codes, those in the platform's inventory (in any status). */
    public Set<Long> knownBlocks(Collection<Long> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT code FROM number_block WHERE code IN (" + marks(codes.size()) + ")")
                .params(List.copyOf(codes)).query(Long.class).list());
    }

    /** The tenant holding each of these usage numbers now; numbers in no pool are absent. */
    public Map<Long, Long> holders(Collection<Long> numbers) {
        Map<Long, Long> holders = new HashMap<>();
        if (numbers.isEmpty()) {
            return holders;
        }
        jdbc.sql("SELECT number, tenant_id FROM pool_number WHERE number IN (" + marks(numbers.size()) + ")")
                .params(List.copyOf(numbers))
                .query(rs -> {
                    holders.put(rs.getLong(1), rs.getLong(2));
                });
        return holders;
    }

    /** Of some usage numbers: those in a block the platform was granted, and the tenant holding each one held now. */
    public record Standing(Set<Long> inKnownBlocks, Map<Long, Long> holders) {
    }

    /** {@link #knownBlocks} and {@link #holders} of these usage numbers in one statement, for a batch of call records. */
    public Standing standing(Collection<Long> numbers) {
        Set<Long> blocks = new HashSet<>();
        numbers.forEach(n -> blocks.add(BlockCode.ofNumber(n).value()));
        Set<Long> knownBlocks = new HashSet<>();
        Map<Long, Long> holders = new HashMap<>();
        if (!numbers.isEmpty()) {
            List<Object> params = new ArrayList<>(blocks);
            params.addAll(numbers);
            jdbcTemplate.query(new OneOffStatement("SELECT code, NULL FROM number_block WHERE code IN ("
                    + marks(blocks.size()) + ") UNION ALL SELECT number, tenant_id FROM pool_number WHERE number IN ("
                    + marks(numbers.size()) + ")", params), rs -> {
                        long tenant = rs.getLong(2);
                        if (rs.wasNull()) {
                            knownBlocks.add(rs.getLong(1));
                        } else {
                            holders.put(rs.getLong(1), tenant);
                        }
                    });
        }
        Set<Long> inKnownBlocks = new HashSet<>();
        numbers.stream().filter(n -> knownBlocks.contains(BlockCode.ofNumber(n).value())).forEach(inKnownBlocks::add);
        return new Standing(inKnownBlocks, holders);
    }

    /** A granted block as the trace shows it: its code, status now, grant reference and date, and who imported it. */
    public record GrantedBlock(long code, String status, String grantRef, java.time.LocalDate grantDate, String importedBy,
            java.time.Instant importedAt) {
    }

    public java.util.Optional<GrantedBlock> block(long code) {
        return jdbc.sql("SELECT b.code, b.status, b.grant_ref, b.grant_date, i.imported_by, i.imported_at FROM number_block b "
                        + "JOIN block_import i ON i.id = b.import_id WHERE b.code = ?")
                .param(code)
                .query((rs, n) -> new GrantedBlock(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getDate(4).toLocalDate(), rs.getString(5), rs.getTimestamp(6).toInstant()))
                .optional();
    }

    /** The number as it stands now; empty when its block was never granted to the platform. */
    public java.util.Optional<NumberFacts> facts(UsageNumber number) {
        return jdbc.sql("""
                SELECT b.status, b.suspended_reason, p.tenant_id, p.status, p.suspended_reason, p.live_bindings
                FROM number_block b LEFT JOIN pool_number p ON p.number = ? WHERE b.code = ?""")
                .params(number.value(), number.block().value())
                .query((rs, n) -> new NumberFacts(number, BlockStatus.valueOf(rs.getString(1)), rs.getString(2),
                        TenantId.ofNullable(rs.getObject(3, Long.class)), rs.getString(4) == null ? null : NumberStatus.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getInt(6)))
                .optional();
    }

    private static String marks(int count) {
        return String.join(",", java.util.Collections.nCopies(count, "?"));
    }
}
