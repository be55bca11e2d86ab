package cn.np700.portal.compliance.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** The month a compliance report covers, typed as 2026-11; blank or unreadable means the current month. */
record ComplianceMonth(YearMonth month, boolean invalid) {

    static ComplianceMonth parse(String typed, ZoneId zone, Clock clock) {
        YearMonth current = YearMonth.from(LocalDate.ofInstant(clock.instant(), zone));
        if (typed == null || typed.isBlank()) {
            return new ComplianceMonth(current, false);
        }
        try {
            YearMonth parsed = YearMonth.parse(typed.strip());
            if (parsed.getYear() < 2000 || parsed.getYear() > 9999) {
                return new ComplianceMonth(current, true);
            }
            return new ComplianceMonth(parsed, false);
        } catch (DateTimeParseException e) {
            return new ComplianceMonth(current, true);
        }
    }

    LocalDate firstDay() {
        return month.atDay(1);
    }

    LocalDate nextFirstDay() {
        return month.plusMonths(1).atDay(1);
    }

    Instant start(ZoneId zone) {
        return firstDay().atStartOfDay(zone).toInstant();
    }

    Instant end(ZoneId zone) {
        return nextFirstDay().atStartOfDay(zone).toInstant();
    }

    /** As typed in the form and the file name: 2026-11. */
    String value() {
        return month.toString();
    }
}
