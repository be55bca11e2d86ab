package cn.np700.portal.bindings.expiry;

import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.ledger.BindingEnding;
import cn.np700.portal.bindings.ledger.PeerQuota;
import cn.np700.portal.bindings.ledger.TenantBindingUsage;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends bindings past their expiry, in small transactions. ShedLock keeps a run to one node, and each binding ends by
 * a conditional UPDATE, so even two runs at once end (and audit) every binding once. Routing and every page already
 * treat such a binding as expired; the job frees its X and the tenant's quota.
 */
@Component
public class ExpiryJob {

    private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);
    private static final int BATCH = 50;
    private static final Scope EVERY_TENANT = Scope.job("bindings-expiry");

    private final JdbcClient jdbc;
    private final BindingEnding ending;
    private final TenantBindingUsage usage;
    private final PeerQuota peers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final PlatformCalendar calendar;
    private final Clock clock;

    ExpiryJob(JdbcClient jdbc, BindingEnding ending, TenantBindingUsage usage, PeerQuota peers,
            ApplicationEventPublisher events, PlatformTransactionManager transactions, TransientFailureRetry retry,
            PlatformCalendar calendar, Clock clock) {
        this.jdbc = jdbc;
        this.ending = ending;
        this.usage = usage;
        this.peers = peers;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.retry = retry;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${portal.bindings.expiry-check:PT30S}", fixedDelayString = "${portal.bindings.expiry-check:PT30S}")
    @SchedulerLock(name = "bindings-expiry", lockAtMostFor = "PT10M")
    public void scheduled() {
        int expired = expireDue();
        if (expired > 0) {
            log.info("Ended {} expired bindings", expired);
        }
        peers.purgeBefore(calendar.dayOf(clock.instant()).minusDays(1));
    }

    public int expireDue() {
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            List<Long> due = jdbc.sql("SELECT id FROM binding WHERE status IN ('ACTIVE', 'SUSPENDED') AND expires_at <= ? "
                            + "ORDER BY expires_at LIMIT ?")
                    .params(Timestamp.from(now), BATCH).query(Long.class).list();
            if (due.isEmpty()) {
                return total;
            }
            Integer ended = retry.inTransaction(tx, status -> {
                List<BindingEnded> done = ending.expire(EVERY_TENANT, due, now);
                Map<TenantId, Integer> perTenant = new HashMap<>();
                done.forEach(e -> perTenant.merge(e.tenantId(), 1, Integer::sum));
                perTenant.forEach(usage::giveBack);
                done.forEach(events::publishEvent);
                return done.size();
            });
            total += ended;
            if (due.size() < BATCH) {
                return total;
            }
        }
    }
}
