package cn.np700.portal.bindings.api;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingInput;
import cn.np700.portal.bindings.changes.BindingChanges;
import cn.np700.portal.bindings.changes.ChangeInput;
import cn.np700.portal.bindings.creation.BindingCreation;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.bindings.queries.BindingFilter;
import cn.np700.portal.bindings.queries.BindingHolds;
import cn.np700.portal.bindings.queries.BindingQueries;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.bindings.rules.RefusalCode;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.ApiClient;
import cn.np700.portal.web.ApiProblemException.FieldProblem;
import cn.np700.portal.web.ApiProblems;
import cn.np700.portal.web.JsonBodies;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/bindings}: create (201, or 200 for a repeat of a live binding's orderRef), read by id or list by
 * orderRef, change, unbind. The tenant is the key's; another tenant's binding answers 404 like a missing one.
 */
@RestController
@RequestMapping("/api/v1/bindings")
class BindingApiController {

    private final BindingCreation creation;
    private final BindingChanges changes;
    private final BindingLedger ledger;
    private final BindingQueries queries;
    private final MessageSource messages;
    private final BindingHolds holds;
    private final TenantWriteSlots writeSlots;
    private final ObjectReader inputs;
    private final ObjectWriter answers;

    BindingApiController(BindingCreation creation, BindingChanges changes, BindingLedger ledger, BindingQueries queries,
            MessageSource messages, BindingHolds holds, TenantWriteSlots writeSlots, JsonMapper json) {
        this.inputs = json.readerFor(BindingInput.class);
        this.answers = json.writerFor(BindingJson.class);
        this.holds = holds;
        this.writeSlots = writeSlots;
        this.creation = creation;
        this.changes = changes;
        this.ledger = ledger;
        this.queries = queries;
        this.messages = messages;
    }

    /**
     * The body read and the answer written by {@link JsonBodies}: in a profile of creations the message converters took
     * a fifth of the request threads' samples.
     */
    @PostMapping
    void create(HttpServletRequest http, HttpServletResponse answer, ApiClient client) throws IOException {
        BindingInput body = JsonBodies.read(inputs, http);
        TenantId tenant = client.tenant();
        BindingCreation.Created created = writeSlots.within(tenant, () -> creation.bind(tenant, actor(client), body, true));
        BindingJson json = BindingJson.of(created.binding());
        if (!created.repeated()) {
            answer.setStatus(HttpStatus.CREATED.value());
            answer.setHeader(HttpHeaders.LOCATION, "/api/v1/bindings/" + json.id());
        }
        JsonBodies.write(answers, json, answer);
    }

    @GetMapping("/{id}")
    BindingJson get(@PathVariable String id, ApiClient client) {
        return withHolds(List.of(ledger.find(Scope.of(client.tenant()), parseId(id)).orElseThrow(BindingChanges::notFound)))
                .get(0);
    }

    record ListJson(List<BindingJson> items, int page, int size, long total) {
    }

    @GetMapping
    ListJson list(@RequestParam(required = false) String orderRef, @RequestParam(required = false) String status,
            @RequestParam(required = false) String x, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, ApiClient client) {
        BindingFilter filter = new BindingFilter(status, null, x, orderRef, null, null, null, null);
        if (status != null && filter.statusValue() == null) {
            throw new BindingRefusedException(RefusalCode.INVALID_PARAMETER, "status", "binding.filter.status");
        }
        if (!filter.problems().isEmpty()) {
            throw new BindingRefusedException(RefusalCode.INVALID_X, "x", "binding.x.invalid");
        }
        Page<Binding> found = queries.find(Scope.of(client.tenant()), filter,
                SortOrder.parse(null, BindingQueries.SORTS, "-created"), PageQuery.of(page, size));
        return new ListJson(withHolds(found.items()), found.page(), found.size(), found.total());
    }

    @PatchMapping("/{id}")
    BindingJson change(@PathVariable String id, @RequestBody ChangeInput body, ApiClient client) {
        TenantId tenant = client.tenant();
        Binding changed = writeSlots.within(tenant, () -> changes.change(tenant, parseId(id), body, actor(client), true));
        return withHolds(List.of(changed)).get(0);
    }

    @DeleteMapping("/{id}")
    BindingJson unbind(@PathVariable String id, ApiClient client) {
        TenantId tenant = client.tenant();
        return BindingJson.of(writeSlots.within(tenant, () -> changes.unbind(tenant, parseId(id), actor(client), "UNBOUND")));
    }

    private List<BindingJson> withHolds(List<Binding> bindings) {
        Map<Long, List<BindingHolds.Hold>> held = holds.of(bindings);
        return bindings.stream().map(b -> BindingJson.of(b, held.getOrDefault(b.id(), List.of()))).toList();
    }

    @ExceptionHandler(BindingRefusedException.class)
    ProblemDetail refused(BindingRefusedException e) {
        BindingRefusedException.Problem first = e.first();
        ProblemDetail problem = ApiProblems.of(first.code().status(), first.code().name(), english(first));
        List<FieldProblem> fields = e.problems().stream().filter(p -> p.field() != null)
                .map(p -> new FieldProblem(p.field(), p.code().name(), english(p))).toList();
        if (!fields.isEmpty()) {
            problem.setProperty("errors", fields);
        }
        return problem;
    }

    private String english(BindingRefusedException.Problem problem) {
        return messages.getMessage(problem.messageKey(), problem.args(), Locale.ENGLISH);
    }

    private static long parseId(String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            throw BindingChanges.notFound();
        }
        return Long.parseLong(id);
    }

    private static Actor actor(ApiClient client) {
        return new Actor(client.actorName(), client.keyId());
    }
}
