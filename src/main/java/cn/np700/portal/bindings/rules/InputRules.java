package cn.np700.portal.bindings.rules;

import cn.np700.portal.bindings.BindingInput;
import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.Direction;
import cn.np700.portal.bindings.rules.BindingRefusedException.Problem;
import cn.np700.portal.consent.ConsentInput;
import cn.np700.portal.consent.ConsentRefusedException;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.phones.PhoneNumbers;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks typed binding fields one by one, so that every wrong field is reported at once, each with its code. */
public final class InputRules {

    static final Duration MIN_LIFETIME = Duration.ofSeconds(60);
    private static final int ORDER_REF_MAX = 64;

    private final List<Problem> problems = new ArrayList<>();

    public static BindingRequest check(BindingInput in, Duration maxLifetime, Instant now) {
        InputRules rules = new InputRules();
        BindingMode mode = rules.mode(in.mode());
        String a = rules.number("a", in.a(), true);
        String b = rules.number("b", in.b(), mode == BindingMode.AXB);
        String n = rules.number("n", in.n(), false);
        if (mode == BindingMode.AXN && b != null) {
            rules.add(RefusalCode.INVALID_NUMBER, "b", "binding.b.axnHasNone");
        }
        if (mode == BindingMode.AXB && n != null) {
            rules.add(RefusalCode.INVALID_NUMBER, "n", "binding.n.axbHasNone");
        }
        if (a != null && a.equals(b)) {
            rules.add(RefusalCode.SAME_PARTY, "b", "binding.sameParty");
        }
        if (a != null && a.equals(n)) {
            rules.add(RefusalCode.SAME_PARTY, "n", "binding.sameParty");
        }
        UsageNumber x = rules.x(in.x());
        Instant expiresAt = rules.expiry(in.expiresInSeconds(), in.expiresAt(), maxLifetime, now, true);
        Direction direction = rules.direction(in.direction());
        String orderRef = rules.orderRef(in.orderRef());
        Map<String, ConsentInput.Checked> consent = rules.consent(mode, in.consent(), now);
        rules.throwIfAny();
        return new BindingRequest(mode, a, mode == BindingMode.AXB ? b : null, mode == BindingMode.AXN ? n : null, x,
                expiresAt, direction, Boolean.TRUE.equals(in.record()), orderRef, consent);
    }

    /** Each consent sent must name a party that needs one and pass the consent's own checks. */
    private Map<String, ConsentInput.Checked> consent(BindingMode mode, Map<String, ConsentInput> sent, Instant now) {
        Map<String, ConsentInput.Checked> checked = new LinkedHashMap<>();
        if (sent == null || mode == null) {
            return checked;
        }
        List<String> parties = BindingRequest.consentedParties(mode);
        sent.forEach((party, given) -> {
            String field = "consent." + party;
            if (!parties.contains(party) || given == null) {
                add(RefusalCode.INVALID_CONSENT, field, "binding.consent.party", String.join(", ", parties));
                return;
            }
            try {
                checked.put(party, given.check(field, now));
            } catch (ConsentRefusedException e) {
                add(RefusalCode.INVALID_CONSENT, e.field(), e.messageKey(), e.args());
            }
        });
        return checked;
    }

    public void add(RefusalCode code, String field, String key, Object... args) {
        problems.add(new Problem(code, field, key, args));
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new BindingRefusedException(problems);
        }
    }

    BindingMode mode(String typed) {
        if (typed == null || typed.isBlank()) {
            add(RefusalCode.INVALID_MODE, "mode", "binding.mode.required");
            return null;
        }
        try {
            return BindingMode.valueOf(typed.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            add(RefusalCode.INVALID_MODE, "mode", "binding.mode.invalid");
            return null;
        }
    }

    public String number(String field, String typed, boolean required) {
        if (typed == null || typed.isBlank()) {
            if (required) {
                add(RefusalCode.INVALID_NUMBER, field, "binding.number.required");
            }
            return null;
        }
        Optional<String> normalized = PhoneNumbers.normalizeMobile(typed);
        if (normalized.isEmpty()) {
            add(RefusalCode.INVALID_NUMBER, field, "mobile.invalid");
            return null;
        }
        return normalized.get();
    }

    UsageNumber x(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        Optional<UsageNumber> x = UsageNumber.parse(typed);
        if (x.isEmpty()) {
            add(RefusalCode.INVALID_X, "x", "binding.x.invalid");
            return null;
        }
        return x.get();
    }

    /** {@code required}: a creation needs an expiry; a change may leave it as it is. */
    public Instant expiry(Long seconds, String at, Duration maxLifetime, Instant now, boolean required) {
        boolean hasAt = at != null && !at.isBlank();
        if (seconds != null && hasAt) {
            add(RefusalCode.INVALID_EXPIRY, "expiresAt", "binding.expiry.both");
            return null;
        }
        Instant expiresAt;
        if (seconds != null) {
            expiresAt = now.plusSeconds(Math.max(Math.min(seconds, 100L * 365 * 86400), -1));
        } else if (hasAt) {
            try {
                expiresAt = Instant.parse(at.trim());
            } catch (DateTimeParseException e) {
                add(RefusalCode.INVALID_EXPIRY, "expiresAt", "binding.expiry.format");
                return null;
            }
        } else {
            if (required) {
                add(RefusalCode.INVALID_EXPIRY, "expiresInSeconds", "binding.expiry.required");
            }
            return null;
        }
        String field = seconds != null ? "expiresInSeconds" : "expiresAt";
        if (expiresAt.isBefore(now.plus(MIN_LIFETIME))) {
            add(RefusalCode.INVALID_EXPIRY, field, "binding.expiry.tooSoon", MIN_LIFETIME.toSeconds());
            return null;
        }
        if (expiresAt.isAfter(now.plus(maxLifetime))) {
            add(RefusalCode.INVALID_EXPIRY, field, "binding.expiry.tooLate", maxLifetime.toMinutes());
            return null;
        }
        return expiresAt;
    }

    public Direction direction(String typed) {
        if (typed == null || typed.isBlank()) {
            return Direction.BOTH;
        }
        try {
            return Direction.valueOf(typed.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            add(RefusalCode.INVALID_DIRECTION, "direction", "binding.direction.invalid");
            return null;
        }
    }

    String orderRef(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String trimmed = typed.trim();
        if (trimmed.length() > ORDER_REF_MAX || trimmed.chars().anyMatch(Character::isISOControl)) {
            add(RefusalCode.INVALID_ORDER_REF, "orderRef", "binding.orderRef.invalid", ORDER_REF_MAX);
            return null;
        }
        return trimmed;
    }
}
