package cn.np700.portal.consent;

import cn.np700.portal.scope.TenantId;

/**
 * What a withdrawal needs of the bindings module, which implements it (bindings depends on consent, not the other
 * way): end, inside the withdrawing transaction, every live binding of the tenant in which the number is a party that
 * needs consent, each ending audited and dropped from routing.
 */
public interface NumberBindingsEnding {

    /** The number of bindings ended. */
    int endLiveBindingsOf(TenantId tenant, byte[] numberHash, String by);
}
