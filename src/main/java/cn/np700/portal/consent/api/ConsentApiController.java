package cn.np700.portal.consent.api;

import cn.np700.portal.consent.ConsentInput;
import cn.np700.portal.consent.ConsentRefusedException;
import cn.np700.portal.consent.Consents;
import cn.np700.portal.tenancy.ApiClient;
import cn.np700.portal.web.ApiProblemException.FieldProblem;
import cn.np700.portal.web.ApiProblems;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/consents}: record a number's consent (201, or 200 with the one already in force), read one by id or a
 * number's state, withdraw (which ends the number's live bindings). Another tenant's consent answers 404.
 */
@RestController
@RequestMapping("/api/v1/consents")
class ConsentApiController {

    private final Consents consents;
    private final MessageSource messages;

    ConsentApiController(Consents consents, MessageSource messages) {
        this.consents = consents;
        this.messages = messages;
    }

    record Request(String mobile, String channel, String evidence, String grantedAt) {
    }

    @PostMapping
    ResponseEntity<ConsentJson> record(@RequestBody Request body, ApiClient client) {
        Consents.Recorded recorded = consents.record(client.tenant(), client.actorName(), body.mobile(),
                new ConsentInput(body.channel(), body.evidence(), body.grantedAt()), "API");
        ConsentJson json = ConsentJson.of(recorded.consent());
        if (!recorded.created()) {
            return ResponseEntity.ok(json);
        }
        return ResponseEntity.created(URI.create("/api/v1/consents/" + json.id())).body(json);
    }

    @GetMapping("/{id}")
    ConsentJson get(@PathVariable String id, ApiClient client) {
        return ConsentJson.of(consents.find(client.tenant(), parseId(id)).orElseThrow(ConsentApiController::notFound));
    }

    record NumberJson(String mobile, boolean inForce, List<ConsentJson> consents) {
    }

    @GetMapping
    NumberJson ofNumber(@RequestParam(required = false) String mobile, ApiClient client) {
        Consents.NumberState state = consents.stateOf(client.tenant(), mobile);
        return new NumberJson(state.masked(), state.inForce().isPresent(),
                state.history().stream().map(ConsentJson::of).toList());
    }

    record WithdrawalJson(ConsentJson consent, int bindingsEnded) {
    }

    @DeleteMapping("/{id}")
    WithdrawalJson withdraw(@PathVariable String id, ApiClient client) {
        Consents.Withdrawal withdrawal = consents.withdraw(client.tenant(), parseId(id), client.actorName());
        return new WithdrawalJson(ConsentJson.of(withdrawal.consent()), withdrawal.bindingsEnded());
    }

    @ExceptionHandler(ConsentRefusedException.class)
    ProblemDetail refused(ConsentRefusedException e) {
        String detail = messages.getMessage(e.messageKey(), e.args(), Locale.ENGLISH);
        ProblemDetail problem = ApiProblems.of(e.code().status(), e.code().name(), detail);
        if (e.field() != null) {
            problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.code().name(), detail)));
        }
        return problem;
    }

    private static long parseId(String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            throw notFound();
        }
        return Long.parseLong(id);
    }

    private static ConsentRefusedException notFound() {
        return new ConsentRefusedException(ConsentRefusedException.Code.NOT_FOUND, null, "consent.notFound");
    }
}
