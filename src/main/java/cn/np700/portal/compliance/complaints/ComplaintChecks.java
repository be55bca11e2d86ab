package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.ComplaintCategory;
import cn.np700.portal.compliance.check.PlatformNumbers;
import cn.np700.portal.compliance.check.TypedNumber;
import cn.np700.portal.calendar.PlatformCalendar;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Map;
import org.springframework.stereotype.Component;

/** What is wrong with a complaint form, field by field, as message keys. */
@Component
class ComplaintChecks {

    private final PlatformNumbers numbers;
    private final PlatformCalendar calendar;
    private final Clock clock;

    ComplaintChecks(PlatformNumbers numbers, PlatformCalendar calendar, Clock clock) {
        this.numbers = numbers;
        this.calendar = calendar;
        this.clock = clock;
    }

    Map<String, String> problems(ComplaintForm form) {
        Map<String, String> problems = new LinkedHashMap<>();
        TypedNumber.problem(form.number()).ifPresentOrElse(p -> problems.put("number", p), () -> {
            if (numbers.ofPlatform(TypedNumber.digits(form.number())).isEmpty()) {
                problems.put("number", "complaint.number.notPlatform");
            }
        });
        if (ComplaintCategory.parse(form.category()) == null) {
            problems.put("category", "complaint.category.required");
        }
        String description = form.trimmedDescription();
        if (description.isEmpty()) {
            problems.put("description", "complaint.description.required");
        } else if (length(description) > ComplaintForm.DESCRIPTION_MAX) {
            problems.put("description", "complaint.description.tooLong");
        }
        String contact = form.trimmedContact();
        if (contact != null && length(contact) > ComplaintForm.CONTACT_MAX) {
            problems.put("contact", "complaint.contact.tooLong");
        }
        if (form.callTime() != null && !form.callTime().isBlank()) {
            Optional<Instant> at = form.callInstant(calendar.zone());
            Instant now = clock.instant();
            if (at.isEmpty()) {
                problems.put("callTime", "complaint.callTime.invalid");
            } else if (at.get().isAfter(now)) {
                problems.put("callTime", "complaint.callTime.future");
            } else if (at.get().isBefore(now.minus(ComplaintForm.CALL_TIME_WINDOW))) {
                problems.put("callTime", "complaint.callTime.tooOld");
            }
        }
        return problems;
    }

    /** Characters as the database counts them (a character outside the BMP is one, not two). */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
