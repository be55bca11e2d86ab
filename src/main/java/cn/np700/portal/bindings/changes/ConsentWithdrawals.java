package cn.np700.portal.bindings.changes;

import cn.np700.portal.bindings.BindingEnded;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.consent.NumberBindingsEnding;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A consent withdrawn: the number's live bindings in the enterprise end in the withdrawal's own transaction, each on
 * the audit trail and in the route journal (an unbinding), so routing stops connecting them on every node.
 */
@Component
class ConsentWithdrawals implements NumberBindingsEnding {

    static final String REASON = "CONSENT_WITHDRAWN";

    private final BindingLedger ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConsentWithdrawals(BindingLedger ledger, ApplicationEventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public int endLiveBindingsOf(TenantId tenant, byte[] numberHash, String by) {
        Instant now = clock.instant();
        List<BindingEnded> ended = new ArrayList<>();
        for (Long id : ledger.liveWithParty(tenant, numberHash)) {
            ledger.unbind(Scope.of(tenant), id, by, REASON, now).ifPresent(ended::add);
        }
        ledger.releaseUsage(tenant, ended.size());
        ended.forEach(events::publishEvent);
        return ended.size();
    }
}
