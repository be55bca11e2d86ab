package cn.np700.portal.bindings.routecache;

import cn.np700.portal.scope.TenantId;

/**
 * What a change may alter in routing: the facts of one X, of every X a tenant holds, or of everything. {@code tenant}
 * may come with an X (then only the X counts) and is null for a platform-wide change.
 */
record RouteChange(Long x, TenantId tenant) {

    static RouteChange number(long x, TenantId tenant) {
        return new RouteChange(x, tenant);
    }

    static RouteChange tenant(TenantId tenant) {
        return tenant == null ? everything() : new RouteChange(null, tenant);
    }

    static RouteChange everything() {
        return new RouteChange(null, null);
    }
}
