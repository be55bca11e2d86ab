package cn.np700.portal.notifications;

import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.bindings.BindingUsageFigures;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.web.StoredText;
import cn.np700.portal.notifications.delivery.Audience;
import cn.np700.portal.notifications.delivery.NotificationKind;
import cn.np700.portal.notifications.delivery.Notifier;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares tenants' usage with their quotas and tells their admins at 80 % and at 100 %: once per quota, threshold and
 * period (the day for new bindings, the month for live bindings and blocks held), settled by the notification's
 * unique occurrence key. Promptly: each node notes, after commit and without a statement, the tenants whose audited
 * changes (a binding made, any change audited for a tenant) it committed, and every
 * {@code portal.notifications.quota-prompt} (2 s) checks only those; every node does so for its own, and two nodes
 * checking one tenant at once still make one notification and one event, as the occurrence key lets only one insert
 * through. The full pass over every tenant every 5 minutes (ShedLock) remains for what no node noted (a node stopped
 * before its check, a new day). Reads the counters the binding path keeps; never runs on that path.
 * <p>
 * Each node remembers, per tenant and quota, the occurrence it knows to be stored (it stored it, or its insert was
 * refused as a repeat), so a tenant that stays above a threshold costs no insert on each check: only a new threshold
 * or period tries one (once per node), and a quota back under 80 % is forgotten.
 */
@Component
class QuotaWatch {

    enum Measure {
        LIVE_BINDINGS, NEW_BINDINGS_TODAY, BLOCKS
    }

    private final BindingUsageFigures usage;
    private final Quotas quotas;
    private final TenantDirectory tenants;
    private final Notifier notifier;
    private final PlatformCalendar calendar;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    QuotaWatch(BindingUsageFigures usage, Quotas quotas, TenantDirectory tenants, Notifier notifier, PlatformCalendar calendar,
            Clock clock, ApplicationEventPublisher events, TransactionTemplate tx) {
        this.events = events;
        this.tx = tx;
        this.usage = usage;
        this.quotas = quotas;
        this.tenants = tenants;
        this.notifier = notifier;
        this.calendar = calendar;
        this.clock = clock;
    }

    private final Set<TenantId> changed = ConcurrentHashMap.newKeySet();

    /** A tenant's quota. */
    private record Watched(TenantId tenant, Measure measure) {
    }

    /** The occurrence key each quota last reached, known to be stored. */
    private final Map<Watched, String> stored = new ConcurrentHashMap<>();

    /** Runs after the change committed, on the committing thread: a set insertion, no statement. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void usageMayHaveChanged(AuditableEvent event) {
        if (event.tenantId() != null) {
            changed.add(event.tenantId());
        }
    }

    @Scheduled(initialDelayString = "${portal.notifications.quota-prompt:PT2S}",
            fixedDelayString = "${portal.notifications.quota-prompt:PT2S}")
    public void prompt() {
        watchChanged();
    }

    /** Checks the tenants this node noted since the last check; how many notifications it made. */
    int watchChanged() {
        if (changed.isEmpty()) {
            return 0;
        }
        Set<TenantId> noted = inOrder();
        for (TenantId tenant : List.copyOf(changed)) {
            changed.remove(tenant);
            noted.add(tenant);
        }
        LocalDate today = calendar.dayOf(clock.instant());
        return watch(noted, usage.of(noted, today), today);
    }

    @Scheduled(initialDelayString = "${portal.notifications.quota-watch:PT5M}",
            fixedDelayString = "${portal.notifications.quota-watch:PT5M}")
    @SchedulerLock(name = "quota-watch")
    public void scheduled() {
        watch();
    }

    /** How many notifications this run made. */
    int watch() {
        LocalDate today = calendar.dayOf(clock.instant());
        Set<TenantId> all = inOrder();
        tenants.names().keySet().forEach(id -> all.add(TenantId.of(id)));
        return watch(all, usage.all(today), today);
    }

    private static Set<TenantId> inOrder() {
        return new TreeSet<>(Comparator.comparingLong(TenantId::value));
    }

    private int watch(Collection<TenantId> tenantIds, List<BindingUsageFigures.Usage> figures, LocalDate today) {
        Map<TenantId, BindingUsageFigures.Usage> bindings = new HashMap<>();
        figures.forEach(u -> bindings.put(u.tenantId(), u));
        int made = 0;
        for (TenantId tenantId : tenantIds) {
            TenantQuota quota = quotas.of(tenantId);
            BindingUsageFigures.Usage used = bindings.get(tenantId);
            if (used != null) {
                made += check(tenantId, Measure.LIVE_BINDINGS, used.live(), quota.maxActiveBindings(), month(today));
                made += check(tenantId, Measure.NEW_BINDINGS_TODAY, used.createdToday(), quota.maxNewBindingsPerDay(),
                        today.toString());
            }
            made += check(tenantId, Measure.BLOCKS, quota.blocksHeld(), quota.maxBlocks(), month(today));
        }
        return made;
    }

    private int check(TenantId tenantId, Measure measure, int used, int limit, String period) {
        Watched watched = new Watched(tenantId, measure);
        if (limit <= 0 || used * 100L < limit * 80L) {
            stored.remove(watched);
            return 0;
        }
        boolean full = used >= limit;
        NotificationKind kind = full ? NotificationKind.QUOTA_100 : NotificationKind.QUOTA_80;
        String key = "QUOTA:" + tenantId + ":" + measure + ":" + (full ? 100 : 80) + ":" + period;
        if (key.equals(stored.get(watched))) {
            return 0;
        }
        long percent = Math.min(100, used * 100L / limit);
        // the event (webhooks push it) commits with the notification, so it is published exactly once too
        Boolean told = tx.execute(status -> {
            boolean made = notifier.notify(key, kind, Audience.tenantAdmins(tenantId), "/numbers", "notification.quota",
                    StoredText.message("notification.quota." + measure), percent, used, limit);
            if (made) {
                events.publishEvent(new QuotaThresholdReached(tenantId, measure.name(), full ? 100 : 80, used, limit, period));
            }
            return made;
        });
        stored.put(watched, key);
        return Boolean.TRUE.equals(told) ? 1 : 0;
    }

    private static String month(LocalDate day) {
        return day.toString().substring(0, 7);
    }
}
