package cn.np700.portal.bindings.queries;

import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingStatus;
import cn.np700.portal.bindings.BindingSuspensions;
import cn.np700.portal.numbers.NumberHold;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.suspension.SuspensionReason;
import cn.np700.portal.tenancy.TenantSuspensions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a live binding takes no calls although it has not ended: its enterprise, its X (alone or with its block) or the
 * binding itself is suspended. Pages show this instead of "active", so that nobody reads a binding as working while
 * routing rejects every call to it.
 */
@org.springframework.stereotype.Component
public class BindingHolds {

    /** {@code kind}: TENANT, NUMBER, BLOCK or BINDING; the open reasons behind it (none for a block). */
    public record Hold(String kind, List<SuspensionReason> reasons) {
    }

    private final BindingSuspensions bindings;
    private final NumberSuspensions numbers;
    private final TenantSuspensions tenants;

    BindingHolds(BindingSuspensions bindings, NumberSuspensions numbers, TenantSuspensions tenants) {
        this.bindings = bindings;
        this.numbers = numbers;
        this.tenants = tenants;
    }

    /** The holds on each live binding that has any, by binding id, the widest first. */
    public Map<Long, List<Hold>> of(List<Binding> page) {
        List<Binding> live = page.stream().filter(Binding::live).toList();
        Map<Long, List<Hold>> holds = new LinkedHashMap<>();
        if (live.isEmpty()) {
            return holds;
        }
        Map<Long, TenantId> xs = new LinkedHashMap<>();
        Set<TenantId> tenantIds = new LinkedHashSet<>();
        live.forEach(b -> {
            xs.put(b.x(), b.tenantId());
            tenantIds.add(b.tenantId());
        });
        Map<TenantId, List<SuspensionReason>> tenantReasons = new HashMap<>();
        tenantIds.forEach(t -> {
            List<SuspensionReason> open = tenants.openReasons(t);
            if (!open.isEmpty()) {
                tenantReasons.put(t, open);
            }
        });
        Map<Long, NumberHold> numberHolds = numbers.holds(xs);
        Map<Long, List<SuspensionReason>> own = bindings.openReasons(live.stream().map(Binding::id).toList());
        for (Binding b : live) {
            List<Hold> list = new ArrayList<>();
            if (tenantReasons.containsKey(b.tenantId())) {
                list.add(new Hold("TENANT", tenantReasons.get(b.tenantId())));
            }
            NumberHold x = numberHolds.get(b.x());
            if (x != null && !x.reasons().isEmpty()) {
                list.add(new Hold("NUMBER", x.reasons()));
            }
            if (x != null && x.blockSuspended()) {
                list.add(new Hold("BLOCK", List.of()));
            }
            if (own.containsKey(b.id())) {
                list.add(new Hold("BINDING", own.get(b.id())));
            } else if (b.status() == BindingStatus.SUSPENDED) {
                list.add(new Hold("BINDING", List.of()));
            }
            if (!list.isEmpty()) {
                holds.put(b.id(), list);
            }
        }
        return holds;
    }
}
