package cn.np700.portal.calls.views;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import java.time.Instant;
import java.util.List;

/**
 * What a call record query applies: the reader's scope, and for operators the tenant they narrowed the list to.
 * {@code bindingIds} null means no orderRef filter, empty means an orderRef no binding has, which matches nothing.
 */
record CallCriteria(Scope scope, TenantFilter tenant, Instant from, Instant toExclusive, Long x, List<Long> bindingIds,
        Long bindingId, String result, String direction, String type) {

    CallCriteria {
        if (scope == null || tenant == null) {
            throw new IllegalArgumentException("a call record query names its scope and its tenant filter");
        }
    }

    static CallCriteria of(Scope scope) {
        return new CallCriteria(scope, TenantFilter.ANY, null, null, null, null, null, null, null, null);
    }
}
