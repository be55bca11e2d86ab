package cn.np700.portal.consent;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A consent as sent or typed, before any check: how it was given, a reference to its evidence (the enterprise's own:
 * a signed form's number, a recording's id) and when (an ISO-8601 instant; now when absent).
 */
public record ConsentInput(String channel, String evidence, String grantedAt) {

    static final int EVIDENCE_MAX = 200;

    /** A consent that passed its checks. */
    public record Checked(ConsentChannel channel, String evidence, Instant grantedAt) {
    }

    /**
     * @param field the field this consent is named by in the request ({@code consent.a}, or null at the top level), for
     *              the problem's field
     * @throws ConsentRefusedException with code INVALID_CONSENT
     */
    public Checked check(String field, Instant now) {
        ConsentChannel parsed = ConsentChannel.parse(channel).orElseThrow(() -> ConsentRefusedException.invalid(
                join(field, "channel"), "consent.channel.invalid"));
        String trimmed = evidence == null || evidence.isBlank() ? null : evidence.strip();
        if (trimmed != null && trimmed.length() > EVIDENCE_MAX) {
            throw ConsentRefusedException.invalid(join(field, "evidence"), "consent.evidence.tooLong", EVIDENCE_MAX);
        }
        Instant at = now;
        if (grantedAt != null && !grantedAt.isBlank()) {
            try {
                at = Instant.parse(grantedAt.strip());
            } catch (DateTimeParseException e) {
                throw ConsentRefusedException.invalid(join(field, "grantedAt"), "consent.grantedAt.invalid");
            }
            if (at.isAfter(now)) {
                throw ConsentRefusedException.invalid(join(field, "grantedAt"), "consent.grantedAt.future");
            }
        }
        return new Checked(parsed, trimmed, at);
    }

    private static String join(String field, String part) {
        return field == null ? part : field + "." + part;
    }
}
