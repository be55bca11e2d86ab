package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.tenancy.TenantStatus;
import cn.np700.portal.tenancy.TenantStatusChanged;
import cn.np700.portal.tenancy.TenantUpdated;
import cn.np700.portal.tenancy.accounts.DuplicateValueException;
import cn.np700.portal.web.NotFoundException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Edits a tenant's profile and terminates it. Suspension is held by reasons ({@link TenantSuspensions}): an operator's
 * SUSPENDED adds their reason (also to an already suspended tenant), and the tenant is active again only when the
 * last reason is lifted, never by a status change.
 */
@Service
public class TenantAdministration {

    private final Tenants tenants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TenantAdministration(Tenants tenants, ApplicationEventPublisher events, Clock clock) {
        this.tenants = tenants;
        this.events = events;
        this.clock = clock;
    }

    public Tenant get(long id) {
        return tenants.findById(id).orElseThrow(() -> new NotFoundException("tenant " + id));
    }

    @RetryOnTransientFailure
    @Transactional
    Tenant update(long id, TenantForm form) {
        Tenant before = get(id);
        Tenant after = before.withProfile(form, clock.instant());
        Map<String, Object> changes = changes(before, after);
        if (changes.isEmpty()) {
            return before;
        }
        try {
            Tenant saved = tenants.save(after);
            events.publishEvent(new TenantUpdated(TenantId.of(id), changes));
            return saved;
        } catch (DuplicateKeyException e) {
            throw DuplicateValueException.from(e);
        }
    }

    /** Terminates; a terminated tenant stays terminated. Suspending goes through the tenant's reasons. */
    @RetryOnTransientFailure
    @Transactional
    Tenant terminate(long id, String reason) {
        TenantStatus target = TenantStatus.TERMINATED;
        Tenant tenant = get(id);
        if (!allowed(tenant.status(), target)) {
            throw new IllegalTransitionException(tenant.status(), target);
        }
        Tenant saved = tenants.save(tenant.withStatus(target, reason, clock.instant()));
        events.publishEvent(new TenantStatusChanged(TenantId.of(id), tenant.status(), target, reason));
        return saved;
    }

    static boolean allowed(TenantStatus from, TenantStatus to) {
        return switch (from) {
            case ACTIVE, SUSPENDED -> to == TenantStatus.SUSPENDED || to == TenantStatus.TERMINATED;
            case TERMINATED -> false;
        };
    }

    static List<TenantStatus> nextStates(TenantStatus from) {
        return List.of(TenantStatus.values()).stream().filter(to -> allowed(from, to)).toList();
    }

    private static Map<String, Object> changes(Tenant a, Tenant b) {
        Map<String, Object> changes = new LinkedHashMap<>();
        diff(changes, "name", a.name(), b.name());
        diff(changes, "creditCode", a.creditCode(), b.creditCode());
        diff(changes, "category", a.category(), b.category());
        diff(changes, "dailyOrderVolume", a.dailyOrderVolume(), b.dailyOrderVolume());
        diff(changes, "contactName", a.contactName(), b.contactName());
        if (!a.contactMobile().equals(b.contactMobile())) {
            // the trail keeps personal numbers masked
            changes.put("contactMobile", Map.of("from", PhoneNumbers.maskMobile(a.contactMobile()),
                    "to", PhoneNumbers.maskMobile(b.contactMobile())));
        }
        return changes;
    }

    private static void diff(Map<String, Object> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.put(field, Map.of("from", String.valueOf(before), "to", String.valueOf(after)));
        }
    }
}
