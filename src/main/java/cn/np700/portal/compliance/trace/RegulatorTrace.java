package cn.np700.portal.compliance.trace;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.audit.AuditHistory;
import cn.np700.portal.audit.AuditHistory.Target;
import cn.np700.portal.bindings.BindingHistory;
import cn.np700.portal.calls.CallHistory;
import cn.np700.portal.consent.Consent;
import cn.np700.portal.consent.Consents;
import cn.np700.portal.numbers.NumberDirectory;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.tenancy.TenantDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Answers the regulator's question from the records the portal keeps: the inventory for the grant, the audit trail
 * for who held the block at that moment (allocations, releases and reclaims in order), the bindings table for what
 * was live, the consents for whether its parties had consented then, the call records for what happened around it.
 */
@Service
class RegulatorTrace {

    static final Duration CALL_WINDOW = Duration.ofHours(1);

    private final NumberDirectory numbers;
    private final BindingHistory bindings;
    private final CallHistory calls;
    private final AuditHistory audit;
    private final TenantDirectory tenants;
    private final Consents consents;

    RegulatorTrace(NumberDirectory numbers, BindingHistory bindings, CallHistory calls, AuditHistory audit,
            TenantDirectory tenants, Consents consents) {
        this.consents = consents;
        this.numbers = numbers;
        this.bindings = bindings;
        this.calls = calls;
        this.audit = audit;
        this.tenants = tenants;
    }

    TraceReport trace(Scope scope, UsageNumber number, Instant at) {
        NumberDirectory.GrantedBlock block = numbers.block(number.block().value()).orElse(null);
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("NUMBER_BLOCK", number.block().digits()));
        targets.add(new Target("NUMBER", number.digits()));
        List<AuditEntry> blockHistory = audit.about(scope, targets);
        TenantId holder = null;
        Instant since = null;
        for (AuditEntry entry : blockHistory) {
            if (entry.occurredAt().isAfter(at)) {
                break;
            }
            switch (entry.action()) {
                case "BLOCK_ALLOCATED" -> {
                    holder = entry.tenantId();
                    since = entry.occurredAt();
                }
                case "BLOCK_RELEASED", "BLOCK_RECLAIMED" -> {
                    holder = null;
                    since = null;
                }
                default -> {
                }
            }
        }
        List<BindingHistory.Traced> live = bindings.liveAt(number.value(), at);
        List<CallHistory.TracedCall> around = calls.around(number.value(), at, CALL_WINDOW);
        live.forEach(b -> targets.add(new Target("BINDING", Long.toString(b.binding().id()))));
        List<AuditEntry> entries = new ArrayList<>(live.isEmpty() ? blockHistory : audit.about(scope, targets));
        entries.sort(Comparator.comparingLong(AuditEntry::id));
        String name = holder == null ? null : tenants.names().get(holder.value());
        return new TraceReport(number.value(), at, block, holder, name, since, live, around, entries,
                consentsAt(live, at));
    }

    private Map<String, Consent> consentsAt(List<BindingHistory.Traced> live, Instant at) {
        Map<String, Consent> found = new HashMap<>();
        for (BindingHistory.Traced traced : live) {
            TenantId tenant = traced.binding().tenantId();
            long id = traced.binding().id();
            consents.inForceAt(tenant, traced.aHash(), at).ifPresent(c -> found.put(id + ":a", c));
            consents.inForceAt(tenant, traced.bHash(), at).ifPresent(c -> found.put(id + ":b", c));
        }
        return found;
    }
}
