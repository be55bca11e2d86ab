package cn.np700.portal.calls.views;

import java.time.Instant;
import java.util.List;

/**
 * What a call record query applies. {@code tenantId} null means every tenant (operators only); {@code bindingIds}
 * null means no orderRef filter, empty means an orderRef no binding has, which matches nothing.
 */
record CallCriteria(Long tenantId, Instant from, Instant toExclusive, Long x, List<Long> bindingIds, Long bindingId,
        String result, String direction, String type) {

    static CallCriteria ofTenant(long tenantId) {
        return new CallCriteria(tenantId, null, null, null, null, null, null, null, null);
    }
}
