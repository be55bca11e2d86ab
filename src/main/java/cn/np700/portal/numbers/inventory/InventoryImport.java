package cn.np700.portal.numbers.inventory;

import cn.np700.portal.audit.AuditActorProvider;
import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.NumbersAudit;
import cn.np700.portal.numbers.inventory.ImportLineParser.Parsed;
import cn.np700.portal.numbers.inventory.ImportReport.LineProblem;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records blocks granted to the platform. All or nothing: a problem on any line (a malformed code, a range that
 * overlaps another line or a block already recorded) keeps the whole import out and is reported by line.
 */
@Service
public class InventoryImport {

    public enum Source { SINGLE, RANGE, CSV }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final ApplicationEventPublisher events;
    private final AuditActorProvider actors;
    private final Clock clock;
    private final DisplayDays days;

    InventoryImport(JdbcClient jdbc, TransactionTemplate tx, TransientFailureRetry retry,
            ApplicationEventPublisher events, AuditActorProvider actors,
            Clock clock, DisplayDays days) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.retry = retry;
        this.events = events;
        this.actors = actors;
        this.clock = clock;
        this.days = days;
    }

    public ImportReport run(List<ImportLine> lines, Source source) {
        List<LineProblem> problems = new ArrayList<>();
        if (lines.isEmpty()) {
            problems.add(new LineProblem(0, "file", "import.empty"));
            return new ImportReport(0, problems);
        }
        LocalDate today = days.today();
        List<Parsed> parsed = new ArrayList<>();
        for (ImportLine line : lines) {
            Parsed p = ImportLineParser.parse(line, today, problems);
            if (p != null) {
                parsed.add(p);
            }
        }
        long total = parsed.stream().mapToLong(Parsed::size).sum();
        if (total > ImportLineParser.MAX_BLOCKS) {
            problems.add(new LineProblem(0, "file", "import.tooManyBlocks", total, ImportLineParser.MAX_BLOCKS));
        }
        overlaps(parsed, problems);
        alreadyRecorded(parsed, problems);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(LineProblem::lineNo));
            return new ImportReport(0, problems);
        }
        try {
            retry.inTransactionWithoutResult(tx, status -> store(parsed, source, (int) total));
        } catch (DuplicateKeyException e) {
            // another import recorded one of these blocks after the check above; nothing of this one was kept
            return new ImportReport(0, List.of(new LineProblem(0, "file", "import.concurrent")));
        }
        return new ImportReport((int) total, List.of());
    }

    private static void overlaps(List<Parsed> parsed, List<LineProblem> problems) {
        List<Parsed> sorted = new ArrayList<>(parsed);
        sorted.sort(Comparator.comparingLong(Parsed::first));
        Parsed reach = null;
        for (Parsed p : sorted) {
            if (reach != null && p.first() <= reach.last()) {
                problems.add(new LineProblem(p.lineNo(), "fromCode", "import.overlap", reach.lineNo()));
            }
            if (reach == null || p.last() > reach.last()) {
                reach = p;
            }
        }
    }

    private void alreadyRecorded(List<Parsed> parsed, List<LineProblem> problems) {
        for (Parsed p : parsed) {
            jdbc.sql("SELECT COUNT(*), MIN(code) FROM number_block WHERE code BETWEEN ? AND ?")
                    .params(p.first(), p.last())
                    .query(rs -> {
                        long count = rs.getLong(1);
                        if (count > 0) {
                            problems.add(new LineProblem(p.lineNo(), "fromCode", "import.exists",
                                    BlockCode.of(rs.getLong(2)).digits(), count));
                        }
                    });
        }
    }

    private void store(List<Parsed> parsed, Source source, int total) {
        Instant now = clock.instant();
        long first = parsed.stream().mapToLong(Parsed::first).min().orElseThrow();
        long last = parsed.stream().mapToLong(Parsed::last).max().orElseThrow();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO block_import (source, blocks, first_code, last_code, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(source.name(), total, first, last, actors.currentActor().name(), Timestamp.from(now))
                .update(key, "id");
        long importId = key.getKey().longValue();
        for (Parsed p : parsed) {
            jdbc.sql("""
                    INSERT INTO number_block (code, status, grant_ref, grant_date, import_id, created_at, updated_at)
                    SELECT ? + s.n, 'IN_INVENTORY', ?, ?, ?, ?, ? FROM number_suffix s WHERE s.n < ?""")
                    .params(p.first(), p.grantRef(), Date.valueOf(p.grantDate()), importId, Timestamp.from(now),
                            Timestamp.from(now), p.size())
                    .update();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", source.name());
        details.put("blocks", total);
        details.put("first", BlockCode.of(first).digits());
        details.put("last", BlockCode.of(last).digits());
        details.put("ranges", parsed.stream().limit(20).map(p -> p.first() == p.last() ? Long.toString(p.first())
                : p.first() + "-" + p.last()).toList());
        details.put("grantRefs", parsed.stream().map(Parsed::grantRef).distinct().limit(20).toList());
        events.publishEvent(NumbersAudit.of("BLOCKS_IMPORTED", "BLOCK_IMPORT", Long.toString(importId), null, details));
    }
}
