package cn.np700.portal.blacklist.web;

import cn.np700.portal.phones.PhoneNumbers;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.springframework.validation.Errors;

/** A number to list: a mainland mobile number, a reason, and an optional last day (inclusive, platform time zone). */
record BlacklistForm(String number, String reason, String until) {

    static BlacklistForm empty() {
        return new BlacklistForm(null, null, null);
    }

    /** What was typed, checked: null with the problems in {@code errors} when it cannot be listed. */
    Checked check(Errors errors, LocalDate today, ZoneId zone) {
        String normalized = PhoneNumbers.normalizeMobile(number).orElse(null);
        if (normalized == null) {
            errors.rejectValue("number", "mobile.invalid");
        }
        String why = reason == null ? "" : reason.trim();
        if (why.isEmpty()) {
            errors.rejectValue("reason", "blacklist.reason.required");
        } else if (why.length() > 200 || why.chars().anyMatch(Character::isISOControl)) {
            errors.rejectValue("reason", "blacklist.reason.tooLong");
        }
        Instant expiresAt = null;
        if (until != null && !until.isBlank()) {
            try {
                LocalDate last = LocalDate.parse(until.trim());
                if (last.isBefore(today)) {
                    errors.rejectValue("until", "blacklist.until.past");
                } else {
                    expiresAt = last.plusDays(1).atStartOfDay(zone).toInstant();
                }
            } catch (DateTimeParseException e) {
                errors.rejectValue("until", "blacklist.until.format");
            }
        }
        return errors.hasErrors() ? null : new Checked(normalized, PhoneNumbers.maskMobile(normalized), why, expiresAt);
    }

    record Checked(String number, String masked, String reason, Instant expiresAt) {
    }
}
