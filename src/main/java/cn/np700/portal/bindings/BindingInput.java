package cn.np700.portal.bindings;

import cn.np700.portal.consent.ConsentInput;
import java.util.Map;

/**
 * A binding request as typed or sent, before any check: the API's JSON body and the portal's form both become one.
 * The expiry comes as seconds from now or as an ISO-8601 instant, exactly one of the two. {@code consent}: optional,
 * a party's field ({@code a}, {@code b}) to the consent the person gave, recorded in the binding's transaction.
 */
public record BindingInput(String mode, String a, String b, String n, String x, Long expiresInSeconds, String expiresAt,
        String direction, Boolean record, String orderRef, Map<String, ConsentInput> consent) {

    /** A request without consents: its parties' consents must be on record already. */
    public BindingInput(String mode, String a, String b, String n, String x, Long expiresInSeconds, String expiresAt,
            String direction, Boolean record, String orderRef) {
        this(mode, a, b, n, x, expiresInSeconds, expiresAt, direction, record, orderRef, null);
    }
}
