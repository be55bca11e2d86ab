package cn.np700.portal.compliance.trace;

import cn.np700.portal.numbers.UsageNumber;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The trace's question as typed: a 700 number and a moment (platform time zone, to the minute; blank = now). */
record TraceQuery(String number, String at) {

    public UsageNumber numberValue() {
        return number == null ? null : UsageNumber.parse(number).orElse(null);
    }

    Instant atValue(ZoneId zone, Instant now) {
        if (at == null || at.isBlank()) {
            return now;
        }
        try {
            return LocalDateTime.parse(at.trim()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Field name to message key for each part that cannot be used; empty when the question can be answered. */
    Map<String, String> problems(ZoneId zone, Instant now) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (numberValue() == null) {
            problems.put("number", "trace.number.invalid");
        }
        Instant moment = atValue(zone, now);
        if (moment == null) {
            problems.put("at", "trace.at.invalid");
        } else if (moment.isAfter(now)) {
            problems.put("at", "trace.at.future");
        }
        return problems;
    }
}
