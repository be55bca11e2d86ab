package cn.np700.portal.bindings;

import cn.np700.portal.bindings.changes.BindingChanges;
import cn.np700.portal.bindings.creation.BindingCreation;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.scope.TenantId;
import org.springframework.stereotype.Component;

/**
 * Bindings made, unbound and counted on behalf of a named actor (a demo user, the benchmark's loader) outside a web
 * request, through the same creation and changes as the portal and the API: every rule, counter and audit entry.
 */
@Component
public class BindingsAsActor {

    private final BindingCreation creation;
    private final BindingChanges changes;
    private final BindingLedger ledger;

    BindingsAsActor(BindingCreation creation, BindingChanges changes, BindingLedger ledger) {
        this.creation = creation;
        this.changes = changes;
        this.ledger = ledger;
    }

    /** The binding's id; a refusal is thrown as it is. Parties must be verified already. */
    public long bind(TenantId tenant, String actor, BindingInput input) {
        return creation.bind(tenant, new Actor(actor, null), input, false).binding().id();
    }

    /** False when the binding was refused (a rule, a quota, a taken X). Parties must be verified already. */
    public boolean tryBind(TenantId tenant, String actor, BindingInput input) {
        try {
            bind(tenant, actor, input);
            return true;
        } catch (BindingRefusedException e) {
            return false;
        }
    }

    public void unbind(TenantId tenant, long bindingId, String actor, String reason) {
        changes.unbind(tenant, bindingId, new Actor(actor, null), reason);
    }

    /** All of the tenant's bindings, in any status. */
    public long count(TenantId tenant) {
        return ledger.count(tenant);
    }

    public long activeMadeBy(TenantId tenant, String actor) {
        return ledger.activeMadeBy(tenant, actor);
    }
}
