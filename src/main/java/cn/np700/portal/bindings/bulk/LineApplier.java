package cn.np700.portal.bindings.bulk;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.BindingInput;
import cn.np700.portal.bindings.changes.BindingChanges;
import cn.np700.portal.bindings.creation.BindingCreation;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.bindings.queries.BindingFilter;
import cn.np700.portal.bindings.queries.BindingQueries;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.bindings.rules.RefusalCode;
import cn.np700.portal.database.DatabaseTrouble;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Applies one line through the same use case as a single request (creation, or unbinding), outside any transaction,
 * so the use case opens its own and retries it as it always does; every rule and problem code is the use case's. A
 * refusal becomes the line's result; so does an unexpected failure, which stops only that line.
 */
@Component
class LineApplier {

    private static final Logger log = LoggerFactory.getLogger(LineApplier.class);

    private final BindingCreation creation;
    private final BindingChanges changes;
    private final BindingLedger ledger;
    private final BindingQueries queries;
    private final LineRecorder recorder;
    private final BindingFileLines lines;

    LineApplier(BindingCreation creation, BindingChanges changes, BindingLedger ledger, BindingQueries queries,
            LineRecorder recorder, BindingFileLines lines) {
        this.creation = creation;
        this.changes = changes;
        this.ledger = ledger;
        this.queries = queries;
        this.recorder = recorder;
        this.lines = lines;
    }

    /** The line's result, and whether it is stored already (written with the binding's change, or before a restart). */
    record Outcome(LineResult result, boolean stored) {
    }

    Outcome apply(long runId, TenantId tenant, StoredFile file, BindingFile.Line line) {
        try {
            return file.operation() == FileOperation.CREATE ? create(runId, tenant, file, line) : end(runId, tenant, file, line);
        } catch (BindingRefusedException e) {
            return new Outcome(LineResult.refused(line.lineNo(), e.first()), false);
        } catch (DuplicateKeyException e) {
            // another node applied this line meanwhile (this one had gone silent): its row is the result
            return lines.find(runId, line.lineNo()).map(stored -> new Outcome(stored, true))
                    .orElseGet(() -> failed(runId, line, e));
        } catch (RuntimeException e) {
            if (DatabaseTrouble.isUnavailable(e)) {
                throw e; // the run waits for the database and goes on from this line
            }
            return failed(runId, line, e);
        }
    }

    private Outcome create(long runId, TenantId tenant, StoredFile file, BindingFile.Line line) {
        BindingInput input = new BindingInput(line.value("mode"), line.value("a"), line.value("b"), line.value("n"),
                line.value("x"), seconds(line.value("expiresInSeconds")), line.value("expiresAt"), line.value("direction"),
                record(line.value("record")), line.value("orderRef"));
        LineRecorder.Applied<BindingCreation.Created> applied = recorder.applying(runId, line.lineNo(), null,
                () -> creation.bind(tenant, actor(file), input, file.viaApi()));
        Binding binding = applied.value().binding();
        return new Outcome(LineResult.ok(line.lineNo(), binding, applied.value().repeated() ? "REPEATED" : "CREATED"),
                applied.recorded());
    }

    private Outcome end(long runId, TenantId tenant, StoredFile file, BindingFile.Line line) {
        String id = line.value("bindingId");
        String orderRef = line.value("orderRef");
        if (id == null && orderRef == null) {
            throw new BindingRefusedException(RefusalCode.INVALID_PARAMETER, "bindingId", "bindingFile.line.endWhich");
        }
        if (id != null && orderRef != null) {
            throw new BindingRefusedException(RefusalCode.INVALID_PARAMETER, "orderRef", "bindingFile.line.endBoth");
        }
        long bindingId = id != null ? parseId(id) : byOrderRef(tenant, orderRef);
        LineRecorder.Applied<Binding> applied = recorder.applying(runId, line.lineNo(), bindingId,
                () -> changes.unbind(tenant, bindingId, actor(file), "UNBOUND"));
        return new Outcome(LineResult.ok(line.lineNo(), applied.value(), applied.recorded() ? "ENDED" : "ALREADY_ENDED"),
                applied.recorded());
    }

    /** As the API reads a binding id in its path: anything but 1 to 18 digits names no binding. */
    private static long parseId(String id) {
        if (!id.matches("\\d{1,18}")) {
            throw BindingChanges.notFound();
        }
        return Long.parseLong(id);
    }

    /** The newest binding of the tenant with that orderRef: the live one if there is one, since a live one holds it. */
    private long byOrderRef(TenantId tenant, String orderRef) {
        BindingFilter filter = new BindingFilter(null, null, null, orderRef, null, null, null, null);
        List<Binding> found = queries.find(Scope.of(tenant), filter,
                SortOrder.parse(null, BindingQueries.SORTS, "-created"), PageQuery.of(1, 1)).items();
        if (found.isEmpty()) {
            throw BindingChanges.notFound();
        }
        return found.get(0).id();
    }

    private static Long seconds(String typed) {
        if (typed == null) {
            return null;
        }
        try {
            return Long.parseLong(typed);
        } catch (NumberFormatException e) {
            throw new BindingRefusedException(RefusalCode.INVALID_EXPIRY, "expiresInSeconds", "bindingFile.line.seconds");
        }
    }

    private static Boolean record(String typed) {
        if (typed == null) {
            return null;
        }
        return switch (typed.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BindingRefusedException(RefusalCode.INVALID_PARAMETER, "record", "bindingFile.line.record");
        };
    }

    private static Actor actor(StoredFile file) {
        return new Actor(file.actorName(), file.apiKeyId());
    }

    private static Outcome failed(long runId, BindingFile.Line line, RuntimeException e) {
        log.warn("Bulk binding run {}: line {} could not be applied", runId, line.lineNo(), e);
        return new Outcome(new LineResult(line.lineNo(), false, null, null, null, "LINE_FAILED", null,
                "bindingFile.line.failed", List.of()), false);
    }
}
