package cn.np700.portal.audit;

import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** The filters of the audit list, as typed in its form. */
record AuditFilter(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String actor, Long tenantId, String action) {

    String actorTrimmed() {
        return actor == null || actor.isBlank() ? null : actor.trim();
    }

    String actionTrimmed() {
        return action == null || action.isBlank() ? null : action.trim().toUpperCase();
    }
}
