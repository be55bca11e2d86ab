package cn.np700.portal.verification.api;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.tenancy.ApiClient;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.Verification;
import cn.np700.portal.verification.VerificationSource;
import cn.np700.portal.verification.rules.VerifyForm;
import cn.np700.portal.web.ApiProblemException.FieldProblem;
import cn.np700.portal.web.ApiProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/verifications}: checks one number for the key's tenant; refusals are problem details. */
@RestController
@RequestMapping("/api/v1/verifications")
class VerificationApiController {

    private static final Map<String, String> CODES = Map.of("mobile", "INVALID_NUMBER", "name", "INVALID_NAME",
            "idNumber", "INVALID_ID_NUMBER");

    private final RealNameVerification verification;
    private final MessageSource messages;
    private final PlatformCalendar calendar;
    private final Clock clock;

    VerificationApiController(RealNameVerification verification, MessageSource messages, PlatformCalendar calendar,
            Clock clock) {
        this.verification = verification;
        this.messages = messages;
        this.calendar = calendar;
        this.clock = clock;
    }

    record Request(String mobile, String name, String idNumber) {
    }

    record Response(long id, String mobile, String outcome, boolean threeElements, Instant checkedAt, Instant validUntil) {
    }

    @PostMapping
    Response verify(@RequestBody Request body, ApiClient client) {
        VerifyForm form = new VerifyForm(body.mobile(), body.name(), body.idNumber());
        MapBindingResult errors = new MapBindingResult(new HashMap<>(), "request");
        RealNameVerification.Subject subject = form.check(errors,
                calendar.dayOf(clock.instant()));
        if (subject == null) {
            List<FieldProblem> fields = errors.getFieldErrors().stream()
                    .map(e -> new FieldProblem(e.getField(), CODES.get(e.getField()),
                            messages.getMessage(e, Locale.ENGLISH)))
                    .toList();
            FieldProblem first = fields.get(0);
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, first.code(), first.message(), fields);
        }
        Verification done = verification.check(client.tenant(), client.actorName(), VerificationSource.API, subject);
        return new Response(done.id(), done.mobileMasked(), done.outcome().name(), done.threeElements(), done.checkedAt(),
                done.validUntil());
    }
}
