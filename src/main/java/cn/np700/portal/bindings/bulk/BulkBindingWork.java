package cn.np700.portal.bindings.bulk;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.runs.NewRun;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.runs.RunWork;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.PersonalDataCipher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk create or bulk end as a background run, one line per step. Unlike other kinds, {@link #prepare} applies the
 * line: it calls the binding use case from outside any transaction, so the line commits in the use case's own
 * transaction, retried as for a single request; its row is written in that same transaction ({@link LineRecorder}).
 * The step then records a refusal and moves the run on. A line whose row exists is never applied again, so a node
 * dying between the two, or going silent and waking up, leaves no line applied twice and none uncounted once resumed.
 */
@Component
class BulkBindingWork implements RunWork<BulkBindingWork.Loaded, List<LineApplier.Outcome>> {

    static final String KIND = "BULK_BINDINGS";

    private final LineApplier applier;
    private final BindingFileLines lines;
    private final StarterSignIn signIn;
    private final PersonalDataCipher cipher;
    private final JsonMapper json = JsonMapper.builder().build();

    BulkBindingWork(LineApplier applier, BindingFileLines lines, StarterSignIn signIn, PersonalDataCipher cipher) {
        this.applier = applier;
        this.lines = lines;
        this.signIn = signIn;
        this.cipher = cipher;
    }

    /** One bulk binding run per tenant at a time, create or end. */
    static String exclusiveKey(TenantId tenant) {
        return KIND + ":" + tenant.value();
    }

    NewRun newRun(TenantId tenant, AuditActor by, String fileName, StoredFile file, int lineCount) {
        return new NewRun(KIND, Optional.of(tenant), fileName, by, lineCount,
                cipher.encrypt(json.writeValueAsString(file)), exclusiveKey(tenant),
                Map.of("operation", file.operation().name(), "lines", lineCount));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public boolean commitsInPrepare() {
        return true;
    }

    /** The file and where the run reads it, with the starter's sign-in for the lines' audit entries. */
    static final class Loaded {
        final StoredFile file;
        final Authentication starter;
        private BindingFile.Lines cursor;
        private int next;
        private BindingFile.Line last;

        Loaded(StoredFile file, Authentication starter) {
            this.file = file;
            this.starter = starter;
        }

        /** The data line at {@code index}; steps ask in order, so the file is read once per claim. */
        BindingFile.Line line(int index) {
            if (last != null && index == next - 1) {
                return last;
            }
            if (cursor == null || index < next) {
                cursor = new BindingFile.Lines(file.operation(), file.text());
                next = 0;
            }
            while (next <= index) {
                last = cursor.next();
                next++;
            }
            return last;
        }
    }

    @Override
    public Loaded load(Run run, byte[] input) {
        StoredFile file = json.readValue(cipher.decrypt(input), StoredFile.class);
        return new Loaded(file, signIn.of(run, file));
    }

    @Override
    public List<LineApplier.Outcome> prepare(Run run, Loaded loaded, int from, int to) {
        List<LineApplier.Outcome> outcomes = new ArrayList<>(to - from);
        TenantId tenant = run.tenant().orElseThrow();
        for (int i = from; i < to; i++) {
            BindingFile.Line line = loaded.line(i);
            outcomes.add(lines.find(run.id(), line.lineNo()).map(stored -> new LineApplier.Outcome(stored, true))
                    .orElseGet(() -> signIn.as(loaded.starter, () -> applier.apply(run.id(), tenant, loaded.file, line))));
        }
        return outcomes;
    }

    @Override
    public RunCounts step(Run run, Loaded loaded, int from, int to, List<LineApplier.Outcome> outcomes) {
        RunCounts counts = RunCounts.NONE;
        for (LineApplier.Outcome outcome : outcomes) {
            if (!outcome.stored()) {
                lines.insert(run.id(), outcome.result());
            }
            counts = counts.plus(outcome.result().countName(), 1);
        }
        return counts;
    }
}
