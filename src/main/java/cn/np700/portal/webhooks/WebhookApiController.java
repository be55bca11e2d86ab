package cn.np700.portal.webhooks;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.ApiClient;
import cn.np700.portal.web.ApiProblemException;
import cn.np700.portal.web.ApiProblemException.FieldProblem;
import cn.np700.portal.web.ApiProblems;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhook-endpoints}: the tenant's endpoints (the secret in the creating and rotating answers only),
 * a test send, the delivery log and redelivery. Another tenant's endpoint or message answers 404 like a missing one.
 */
@RestController
@RequestMapping("/api/v1/webhook-endpoints")
class WebhookApiController {

    record EndpointJson(long id, String url, String description, List<String> events, boolean enabled,
            String disabledReason, Instant previousSecretValidUntil, Instant createdAt, String secret) {

        static EndpointJson of(WebhookEndpoint e, String secret) {
            return new EndpointJson(e.id(), e.url(), e.description(), e.events().stream().map(WebhookEventType::wire).toList(),
                    e.enabled(), e.disabledReason(), e.previousSecretUntil(), e.createdAt(), secret);
        }
    }

    record DeliveriesJson(List<DeliveryLog.Delivery> items, int page, int size, long total) {
    }

    private final WebhookEndpoints endpoints;
    private final DeliveryLog log;

    WebhookApiController(WebhookEndpoints endpoints, DeliveryLog log) {
        this.endpoints = endpoints;
        this.log = log;
    }

    @PostMapping
    ResponseEntity<EndpointJson> create(@RequestBody EndpointInput body, ApiClient client) {
        WebhookEndpoints.Created created = endpoints.create(client.tenant(), body, client.actorName());
        return ResponseEntity.created(URI.create("/api/v1/webhook-endpoints/" + created.endpoint().id()))
                .body(EndpointJson.of(created.endpoint(), created.secret()));
    }

    @GetMapping
    Map<String, List<EndpointJson>> list(ApiClient client) {
        return Map.of("items", endpoints.of(client.tenant()).stream().map(e -> EndpointJson.of(e, null)).toList());
    }

    @GetMapping("/{id}")
    EndpointJson get(@PathVariable String id, ApiClient client) {
        return EndpointJson.of(endpoints.get(client.tenant(), parseId(id)), null);
    }

    @PatchMapping("/{id}")
    EndpointJson change(@PathVariable String id, @RequestBody EndpointInput body, ApiClient client) {
        return EndpointJson.of(endpoints.change(client.tenant(), parseId(id), body), null);
    }

    @PostMapping("/{id}/rotate-secret")
    WebhookEndpoints.Rotated rotate(@PathVariable String id, ApiClient client) {
        return endpoints.rotate(client.tenant(), parseId(id));
    }

    @PostMapping("/{id}/test")
    ResponseEntity<Map<String, String>> test(@PathVariable String id, ApiClient client) {
        return ResponseEntity.accepted().body(Map.of("msgId", endpoints.sendTest(client.tenant(), parseId(id))));
    }

    @GetMapping("/{id}/deliveries")
    DeliveriesJson deliveries(@PathVariable String id, @RequestParam(required = false) String status,
            @RequestParam(required = false) String type, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, ApiClient client) {
        TenantId tenant = client.tenant();
        long endpoint = endpoints.get(tenant, parseId(id)).id();
        Page<DeliveryLog.Delivery> found = log.of(tenant, endpoint, filter(status, type), PageQuery.of(page, size));
        return new DeliveriesJson(found.items(), found.page(), found.size(), found.total());
    }

    @GetMapping("/{id}/deliveries/{msgId}")
    DeliveryLog.Detail delivery(@PathVariable String id, @PathVariable String msgId, ApiClient client) {
        return log.detail(client.tenant(), parseId(id), msgId).orElseThrow(() -> DeliveryLog.notFound(msgId));
    }

    @PostMapping("/{id}/deliveries/{msgId}/redeliver")
    ResponseEntity<Map<String, String>> redeliver(@PathVariable String id, @PathVariable String msgId, ApiClient client) {
        if (!log.redeliver(client.tenant(), parseId(id), msgId)) {
            throw DeliveryLog.notFound(msgId);
        }
        return ResponseEntity.accepted().body(Map.of("msgId", msgId));
    }

    /** 422 with the first problem's code (INVALID_URL, HTTPS_REQUIRED, ADDRESS_REFUSED, ...) and each field's. */
    @ExceptionHandler(WebhookInputException.class)
    ProblemDetail refused(WebhookInputException e) {
        WebhookInputException.Problem first = e.problems().get(0);
        ProblemDetail problem = ApiProblems.of(HttpStatus.UNPROCESSABLE_ENTITY, first.code(), first.detail());
        problem.setProperty("errors", e.problems().stream().map(p -> new FieldProblem(p.field(), p.code(), p.detail())).toList());
        return problem;
    }

    /**
     * 409, not 422: the request itself is valid, and the same one succeeds for an enterprise below the limit; what
     * refuses it is the state of this enterprise's endpoints.
     */
    @ExceptionHandler(EndpointLimitReached.class)
    ProblemDetail limitReached(EndpointLimitReached e) {
        ProblemDetail problem = ApiProblems.of(HttpStatus.CONFLICT, "ENDPOINT_LIMIT_REACHED", e.getMessage());
        problem.setProperty("limit", e.limit());
        return problem;
    }

    static DeliveryLog.Filter filter(String status, String type) {
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase();
        String t = type == null || type.isBlank() ? null : type.strip();
        if (s != null && !DeliveryLog.STATUSES.contains(s)) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "status is one of PENDING, DELIVERED, FAILED",
                    List.of(new FieldProblem("status", "INVALID_PARAMETER", "unknown status")));
        }
        if (t != null && WebhookEventType.ofWire(t).isEmpty()) {
            throw new ApiProblemException(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "unknown event type: " + t,
                    List.of(new FieldProblem("type", "INVALID_PARAMETER", "unknown event type")));
        }
        return new DeliveryLog.Filter(s, t);
    }

    static long parseId(String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            throw WebhookEndpoints.notFound(0);
        }
        return Long.parseLong(id);
    }
}
