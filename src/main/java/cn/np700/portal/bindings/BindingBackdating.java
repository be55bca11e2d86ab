package cn.np700.portal.bindings;

import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.scope.TenantId;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Moves the creation time of freshly loaded bindings back, so that call records loaded after them, dated in the
 * past, fall inside them (a record matches only a binding created before its call). For demo and benchmark data
 * only: never done to real bindings.
 */
@Component
public class BindingBackdating {

    private final BindingLedger ledger;

    BindingBackdating(BindingLedger ledger) {
        this.ledger = ledger;
    }

    /** Every binding of the tenant, by whole days. */
    public void backdate(TenantId tenant, Duration by) {
        ledger.backdate(tenant, by);
    }

    /** The bindings the actor made after {@code madeAfter}, by whole days. */
    public void backdateMadeBy(String actor, Instant madeAfter, Duration by) {
        ledger.backdateMadeBy(actor, madeAfter, by);
    }
}
