package cn.np700.portal.numbers.release;

import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.numbers.NumbersAudit;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Returns blocks whose cooling period is over to the inventory. ShedLock keeps it to one node per run, and each
 * block moves by a conditional UPDATE, so even two runs at once return (and audit) every block exactly once.
 */
@Component
class CoolingJob {

    private static final Logger log = LoggerFactory.getLogger(CoolingJob.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CoolingJob(JdbcClient jdbc, TransactionTemplate tx, TransientFailureRetry retry,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.retry = retry;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${portal.numbers.cooling-check:PT10M}", fixedDelayString = "${portal.numbers.cooling-check:PT10M}")
    @SchedulerLock(name = "numbers-cooling")
    public void scheduled() {
        int returned = returnCooledBlocks();
        if (returned > 0) {
            log.info("Returned {} cooled blocks to the inventory", returned);
        }
    }

    int returnCooledBlocks() {
        int returned = 0;
        while (true) {
            Instant now = clock.instant();
            List<Long> due = jdbc.sql("SELECT code FROM number_block WHERE status = 'COOLING' AND cooling_until <= ? ORDER BY code LIMIT ?")
                    .params(Timestamp.from(now), BATCH).query(Long.class).list();
            if (due.isEmpty()) {
                return returned;
            }
            Integer moved = retry.inTransaction(tx, status -> {
                int count = 0;
                for (Long code : due) {
                    int changed = jdbc.sql("UPDATE number_block SET status = 'IN_INVENTORY', cooling_until = NULL, updated_at = ? "
                                    + "WHERE code = ? AND status = 'COOLING' AND cooling_until <= ?")
                            .params(Timestamp.from(now), code, Timestamp.from(now)).update();
                    if (changed == 1) {
                        count++;
                        events.publishEvent(NumbersAudit.of("BLOCK_RETURNED_TO_INVENTORY", "NUMBER_BLOCK",
                                Long.toString(code), null, Map.of()).bySystem());
                    }
                }
                return count;
            });
            returned += moved == null ? 0 : moved;
            if (due.size() < BATCH) {
                return returned;
            }
        }
    }
}
