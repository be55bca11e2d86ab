package cn.np700.portal.numbers.history;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.audit.AuditHistory.Target;
import cn.np700.portal.audit.AuditHistory;
import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.NumberBindings;
import cn.np700.portal.numbers.NumberStatus;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.numbers.pool.BlockQueries;
import cn.np700.portal.numbers.pool.BlockRow;
import cn.np700.portal.numbers.pool.PoolNumberRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The chain of custody of a number or block: the grant (from the inventory tables), then every allocation, release,
 * reclaim, suspension and return, with who did it and when (from the audit trail).
 */
@Component
class NumberHistory {

    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\":(\\d+)");

    private final JdbcClient jdbc;
    private final BlockQueries blocks;
    private final AuditHistory audit;
    private final NumberBindings bindings;

    NumberHistory(JdbcClient jdbc, BlockQueries blocks, AuditHistory audit, NumberBindings bindings) {
        this.bindings = bindings;
        this.jdbc = jdbc;
        this.blocks = blocks;
        this.audit = audit;
    }

    record Grant(String source, int blocks, long firstCode, long lastCode, String importedBy, Instant importedAt) {
    }

    record View(BlockRow block, UsageNumber number, Optional<PoolNumberRow> poolNumber, Grant grant,
            List<AuditEntry> entries, List<NumberBindings.Span> bindings) {
    }

    static final int BINDINGS_SHOWN = 100;

    /** The history for a typed 15-digit number or 11-digit block code; empty when it is neither or never granted. */
    Optional<View> lookUp(Scope scope, String typed) {
        Optional<UsageNumber> number = UsageNumber.parse(typed);
        Optional<BlockCode> code = number.map(UsageNumber::block).or(() -> BlockCode.parse(typed));
        if (code.isEmpty()) {
            return Optional.empty();
        }
        return blocks.find(code.get()).map(block -> {
            Grant grant = jdbc.sql("SELECT source, blocks, first_code, last_code, imported_by, imported_at FROM block_import WHERE id = ?")
                    .param(block.importId())
                    .query((rs, n) -> new Grant(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()))
                    .single();
            List<Target> targets = new ArrayList<>();
            targets.add(new Target("BLOCK_IMPORT", Long.toString(block.importId())));
            targets.add(new Target("NUMBER_BLOCK", Long.toString(block.code())));
            number.ifPresent(n -> targets.add(new Target("NUMBER", n.digits())));
            Optional<PoolNumberRow> pool = number.flatMap(n -> jdbc.sql(
                            "SELECT number, status, live_bindings, suspended_reason FROM pool_number WHERE number = ?")
                    .param(n.value())
                    .query((rs, i) -> new PoolNumberRow(rs.getLong(1), NumberStatus.valueOf(rs.getString(2)), rs.getInt(3),
                            rs.getString(4)))
                    .optional());
            List<AuditEntry> direct = audit.about(scope, targets);
            int before = targets.size();
            // the requests the block was allocated on: who asked for it, and who approved
            direct.stream().map(e -> REQUEST_ID.matcher(e.details())).filter(Matcher::find)
                    .map(m -> new Target("NUMBER_REQUEST", m.group(1))).distinct().forEach(targets::add);
            List<AuditEntry> entries = targets.size() > before ? audit.about(scope, targets) : direct;
            return new View(block, number.orElse(null), pool, grant, entries,
                    number.map(n -> bindings.on(n.value(), BINDINGS_SHOWN)).orElse(List.of()));
        });
    }

}
