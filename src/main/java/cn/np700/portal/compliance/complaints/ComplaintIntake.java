package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.ComplaintCategory;
import cn.np700.portal.compliance.ComplaintReceived;
import cn.np700.portal.compliance.check.PlatformNumbers;
import cn.np700.portal.compliance.check.TypedNumber;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.database.RetryOnTransientFailure;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Stores a checked complaint with the tenant holding the number at that moment, and puts it on the audit trail. */
@Component
class ComplaintIntake {

    private static final int ATTEMPTS = 5;

    // hand-written: the public form's INSERT retries on a clashing reference, the unique key deciding
    private final JdbcClient jdbc;
    private final PlatformNumbers numbers;
    private final ComplaintReferences references;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PlatformCalendar calendar;

    ComplaintIntake(JdbcClient jdbc, PlatformNumbers numbers, ComplaintReferences references,
            ApplicationEventPublisher events, Clock clock, PlatformCalendar calendar) {
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.numbers = numbers;
        this.references = references;
        this.events = events;
        this.clock = clock;
    }

    /** The complaint's reference; the form must have passed {@link ComplaintChecks}. */
    @RetryOnTransientFailure
    @Transactional
    String receive(ComplaintForm form, String clientIp) {
        long number = Long.parseLong(TypedNumber.digits(form.number()));
        Long tenantId = numbers.holder(number).orElse(null);
        ComplaintCategory category = ComplaintCategory.parse(form.category());
        Instant now = clock.instant();
        Timestamp callTime = form.callInstant(calendar.zone()).map(Timestamp::from).orElse(null);
        for (int attempt = 1; ; attempt++) {
            String reference = references.next(now);
            KeyHolder key = new GeneratedKeyHolder();
            try {
                jdbc.sql("INSERT INTO complaint (reference, number, tenant_id, category, description, contact, client_ip, "
                                + "created_at, status, call_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)")
                        .params(reference, number, tenantId, category.name(), form.trimmedDescription(),
                                form.trimmedContact(), clientIp, Timestamp.from(now), callTime)
                        .update(key, "id");
            } catch (DuplicateKeyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                continue;
            }
            events.publishEvent(new ComplaintReceived(key.getKey().longValue(), reference, number, TenantId.orNull(tenantId), category));
            return reference;
        }
    }

    /** What a bot that filled the honeypot is shown: a reference like any other, for a complaint never stored. */
    String decoy() {
        return references.next(clock.instant());
    }
}
