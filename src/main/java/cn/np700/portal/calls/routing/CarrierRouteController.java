package cn.np700.portal.calls.routing;

import cn.np700.portal.calls.records.CallType;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.web.ApiProblemException;
import cn.np700.portal.web.JsonBodies;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/carrier/v1/route}: where a call to X goes, CONNECT or REJECT with a reason. The body is read and
 * the answer written by {@link JsonBodies} (same settings and errors as {@code @RequestBody}): the message converters'
 * negotiation, binder and advice cost more than the routing itself on a cached call.
 */
@RestController
class CarrierRouteController {

    private final CallRouting routing;
    private final ObjectReader requests;
    private final ObjectWriter responses;

    CarrierRouteController(CallRouting routing, JsonMapper json) {
        this.routing = routing;
        this.requests = json.readerFor(RouteRequest.class);
        this.responses = json.writerFor(RouteResponse.class);
    }

    record RouteRequest(String callId, String caller, String x, String type) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RouteResponse(String callId, String action, String callee, String display, Boolean record, Long bindingId,
            String reason) {
    }

    @PostMapping("/api/carrier/v1/route")
    void route(HttpServletRequest http, HttpServletResponse answer) throws IOException {
        RouteRequest request = JsonBodies.read(requests, http);
        JsonBodies.write(responses, route(request), answer);
    }

    private RouteResponse route(RouteRequest request) {
        String callId = request.callId() == null ? "" : request.callId().trim();
        if (callId.isEmpty() || callId.length() > 64) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "INVALID_CALL_ID", "callId is required, at most 64 characters.");
        }
        Optional<String> caller = PhoneNumbers.normalizeCallNumber(request.caller());
        if (caller.isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "INVALID_NUMBER", "caller is not a telephone number.");
        }
        Optional<UsageNumber> x = UsageNumber.parse(request.x());
        if (x.isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "INVALID_X", "x is not a 15-digit 700 number.");
        }
        CallType type;
        try {
            type = CallType.valueOf(request.type() == null ? "" : request.type().trim());
        } catch (IllegalArgumentException e) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "INVALID_TYPE", "type is VOICE or SMS.");
        }
        RouteDecision decision = routing.route(callId, caller.get(), x.get().value(), type);
        return new RouteResponse(callId, decision.action(), decision.callee(), decision.display(), decision.record(),
                decision.bindingId(), decision.reason());
    }
}
