package cn.np700.portal.calls.views;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The call record lists' filters exactly as typed, so the page can show them back; {@link CallFilters} turns them
 * into what the query applies and explains what it cannot. {@code tenant} is read for operators only.
 */
public record CallFilter(String from, String to, String x, String orderRef, String binding, String result,
        String direction, String type, String tenant) {

    /** The same filter without a tenant: an enterprise user's own tenant is the only one there is. */
    CallFilter withoutTenant() {
        return new CallFilter(from, to, x, orderRef, binding, result, direction, type, null);
    }

    /** The filters for the list's links and the export link; ListLinks-style builders leave the blanks out. */
    public Map<String, Object> asParams() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", from);
        params.put("to", to);
        params.put("x", x);
        params.put("orderRef", orderRef);
        params.put("binding", binding);
        params.put("result", result);
        params.put("direction", direction);
        params.put("type", type);
        params.put("tenant", tenant);
        return params;
    }
}
