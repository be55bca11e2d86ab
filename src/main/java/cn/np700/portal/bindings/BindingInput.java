package cn.np700.portal.bindings;

/**
 * A binding request as typed or sent, before any check: the API's JSON body and the portal's form both become one.
 * The expiry comes as seconds from now or as an ISO-8601 instant, exactly one of the two.
 */
public record BindingInput(String mode, String a, String b, String n, String x, Long expiresInSeconds, String expiresAt,
        String direction, Boolean record, String orderRef) {
}
