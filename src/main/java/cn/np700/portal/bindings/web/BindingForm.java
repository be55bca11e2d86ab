package cn.np700.portal.bindings.web;

import cn.np700.portal.bindings.BindingInput;
import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.Direction;
import cn.np700.portal.consent.ConsentChannel;
import cn.np700.portal.consent.ConsentInput;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A new binding as typed on the page, all text so that whatever was typed comes back with its message. The validity
 * is an amount and a unit; the tenant is never part of the form. A party that needs consent (A; B of AXB) may come with
 * the person's consent, ticked with its channel and evidence, which the creation records in its own transaction as it
 * does a consent sent inline to the API.
 */
record BindingForm(String mode, String a, String b, String n, String x, String validity, String unit, String direction,
        String record, String orderRef, String consentA, String consentAChannel, String consentAEvidence,
        String consentB, String consentBChannel, String consentBEvidence) {

    /** The form's fields of a party's consent, and the binding request's fields they answer for. */
    static final Map<String, String> CONSENT_FIELDS = Map.of(
            "consent.a", "consentA", "consent.a.channel", "consentAChannel", "consent.a.evidence", "consentAEvidence",
            "consent.b", "consentB", "consent.b.channel", "consentBChannel", "consent.b.evidence", "consentBEvidence");

    static BindingForm empty() {
        String channel = ConsentChannel.APP.name();
        return new BindingForm("AXB", null, null, null, null, "1", ValidityUnit.HOURS.name(), Direction.BOTH.name(),
                null, null, null, channel, null, null, channel, null);
    }

    BindingInput input(Long expiresInSeconds) {
        Map<String, ConsentInput> consent = new LinkedHashMap<>();
        if (ticked(consentA)) {
            consent.put("a", new ConsentInput(consentAChannel, consentAEvidence, null));
        }
        // B's choice stays on the page while AXN is chosen (its fields are only hidden), but AXN has no B to consent
        if (ticked(consentB) && BindingMode.AXB.name().equals(mode)) {
            consent.put("b", new ConsentInput(consentBChannel, consentBEvidence, null));
        }
        return new BindingInput(mode, a, b, n, x, expiresInSeconds, null, direction, recorded(), orderRef, consent);
    }

    /** Whether the box was ticked; public for the template. */
    public boolean recorded() {
        return ticked(record);
    }

    /** Whether the person's consent was ticked for the party ({@code a} or {@code b}); public for the template. */
    public boolean consentGiven(String party) {
        return ticked("a".equals(party) ? consentA : consentB);
    }

    private static boolean ticked(String box) {
        return "true".equals(box) || "on".equals(box);
    }

    /** The typed value of one of the real-number fields (a, b, n). */
    String number(String field) {
        return switch (field) {
            case "a" -> a;
            case "b" -> b;
            case "n" -> n;
            default -> throw new IllegalArgumentException(field);
        };
    }
}
