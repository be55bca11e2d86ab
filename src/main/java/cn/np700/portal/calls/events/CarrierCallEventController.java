package cn.np700.portal.calls.events;

import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.security.CarrierCaller;
import cn.np700.portal.web.ApiProblemException;
import cn.np700.portal.web.ApiProblemException.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/carrier/v1/call-events}: one event (its fields at the top level) or a batch of up to 500
 * ({@code events}). A bad single event is refused as problem details naming each bad field; in a batch, good events
 * are stored even when others are refused, each refused one reported by its index. The same event sent again stores
 * nothing and answers the same.
 */
@RestController
class CarrierCallEventController {

    private final CallEventIngestion ingestion;

    CarrierCallEventController(CallEventIngestion ingestion) {
        this.ingestion = ingestion;
    }

    /** A single event's fields, or {@code events}. */
    record Push(String callId, String x, String type, String cause, String time, Long bindingId, List<CallEventJson> events) {
    }

    /** What a batch came to: each stored event by its index (unmatched ones among them), and each refused one. */
    record BatchAnswer(int stored, int unmatched, int rejected, List<IndexedEvent> events, List<EventProblem> errors) {
    }

    record IndexedEvent(int index, long id, String callId, CallEventType type, String status, Long bindingId) {
    }

    @PostMapping("/api/carrier/v1/call-events")
    Object push(@RequestBody Push push, @AuthenticationPrincipal CarrierCaller carrier) {
        if (push.events() == null) {
            return single(carrier, new CallEventJson(push.callId(), push.x(), push.type(), push.cause(), push.time(),
                    push.bindingId()));
        }
        if (push.events().isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "EMPTY_BATCH", "Send events: a list of 1 to 500 events.");
        }
        if (push.events().size() > CallEventIngestion.MAX_BATCH) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "BATCH_TOO_LARGE", "A batch holds at most "
                    + CallEventIngestion.MAX_BATCH + " events; this one has " + push.events().size() + ".");
        }
        CallEventIngestion.Pushed pushed = ingestion.ingest(carrier.name(), push.events());
        List<IndexedEvent> events = new ArrayList<>();
        pushed.stored().forEach((index, e) -> events.add(new IndexedEvent(index, e.id(), e.callId(), e.type(), e.status(),
                e.bindingId())));
        int rejected = (int) pushed.problems().stream().mapToInt(EventProblem::index).distinct().count();
        return new BatchAnswer(events.size(), (int) events.stream().filter(e -> !"MATCHED".equals(e.status())).count(),
                rejected, events, pushed.problems());
    }

    private StoredEvent single(CarrierCaller carrier, CallEventJson event) {
        CallEventIngestion.Pushed pushed = ingestion.ingest(carrier.name(), List.of(event));
        if (!pushed.problems().isEmpty()) {
            EventProblem first = pushed.problems().get(0);
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, first.code(), first.message(), pushed.problems().stream()
                    .map(p -> new FieldProblem(p.field(), p.code(), p.message())).toList());
        }
        return pushed.stored().get(0);
    }
}
