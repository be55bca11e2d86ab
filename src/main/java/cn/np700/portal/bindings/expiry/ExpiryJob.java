package cn.np700.portal.bindings.expiry;

import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

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

    private final BindingLedger ledger;
    private final ApplicationEventPublisher events;
    private final PlatformCalendar calendar;
    private final Clock clock;

    ExpiryJob(BindingLedger ledger, ApplicationEventPublisher events, PlatformCalendar calendar, Clock clock) {
        this.ledger = ledger;
        this.events = events;
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
        ledger.forgetPeersBefore(calendar.dayOf(clock.instant()).minusDays(1));
    }

    public int expireDue() {
        int total = 0;
        while (true) {
            Instant now = clock.instant();
            List<Long> due = ledger.dueAcrossTenants(now, BATCH);
            if (due.isEmpty()) {
                return total;
            }
            Integer ended = ledger.transaction(status -> {
                List<BindingEnded> done = ledger.expire(EVERY_TENANT, due, now);
                Map<TenantId, Integer> perTenant = new HashMap<>();
                done.forEach(e -> perTenant.merge(e.tenantId(), 1, Integer::sum));
                perTenant.forEach(ledger::releaseUsage);
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
