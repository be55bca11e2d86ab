package cn.np700.portal.verification.bulk;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.database.DatabaseTrouble;
import cn.np700.portal.database.TransientFailure;
import cn.np700.portal.runs.NewRun;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.runs.RunWork;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.PersonalDataCipher;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.Verification;
import cn.np700.portal.verification.VerificationSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A bulk verification as a background run: one line of the file per step. The verifier is asked before the step
 * (outside any transaction); the step stores the check, its audit entry in the starter's name and the line's row with
 * the run's new position, so a node that dies mid-file leaves every line either wholly done and counted or not begun.
 * The file's text is kept encrypted with the run until it ends: it holds real numbers, names and ID numbers.
 */
@Component
class BulkVerificationWork implements RunWork<List<BulkItem>, List<BulkVerificationWork.Asked>> {

    static final String KIND = "BULK_VERIFICATION";
    private static final Logger log = LoggerFactory.getLogger(BulkVerificationWork.class);

    private final RealNameVerification verification;
    private final BulkVerificationRows rows;
    private final PersonalDataCipher cipher;
    private final PlatformCalendar calendar;
    private final TransactionTemplate savepoint;

    BulkVerificationWork(RealNameVerification verification, BulkVerificationRows rows,
            PersonalDataCipher cipher, PlatformCalendar calendar, PlatformTransactionManager transactions) {
        this.verification = verification;
        this.rows = rows;
        this.cipher = cipher;
        this.calendar = calendar;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** One bulk verification per tenant at a time. */
    static String exclusiveKey(TenantId tenant) {
        return KIND + ":" + tenant.value();
    }

    /** The run that checks the file's lines, its text encrypted; one per tenant at a time. */
    NewRun newRun(TenantId tenant, AuditActor by, String fileName, String text, List<BulkItem> items) {
        int invalid = (int) items.stream().filter(item -> item.subject() == null).count();
        return new NewRun(KIND, Optional.of(tenant), fileName, by, items.size(), cipher.encrypt(text), exclusiveKey(tenant),
                Map.of("rows", items.size(), "invalidRows", invalid));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The file's lines, validated as on the day the run started, whichever day a node takes it up. */
    @Override
    public List<BulkItem> load(Run run, byte[] input) {
        BulkCsvFile.Read read = BulkCsvFile.read(cipher.decrypt(input));
        if (read.refused() || read.lines().size() != run.total()) {
            throw new IllegalStateException("the stored file of bulk verification " + run.id() + " no longer reads");
        }
        LocalDate day = calendar.dayOf(run.createdAt());
        return read.lines().stream().map(line -> BulkItem.of(line, day)).toList();
    }

    /** A line's answer from the verifier, or null: an invalid line is not asked, a failed question is an ERROR row. */
    record Asked(BulkItem item, RealNameVerification.Asked answer) {
    }

    @Override
    public List<Asked> prepare(Run run, List<BulkItem> items, int from, int to) {
        List<Asked> asked = new ArrayList<>(to - from);
        for (BulkItem item : items.subList(from, to)) {
            RealNameVerification.Asked answer = null;
            if (item.subject() != null) {
                try {
                    answer = verification.ask(item.subject());
                } catch (RuntimeException e) {
                    log.warn("Bulk verification {}: line {} could not be asked", run.id(), item.lineNo(), e);
                }
            }
            asked.add(new Asked(item, answer));
        }
        return asked;
    }

    @Override
    public RunCounts step(Run run, List<BulkItem> items, int from, int to, List<Asked> asked) {
        RunCounts counts = RunCounts.NONE;
        for (Asked line : asked) {
            BatchRow row = row(run, line);
            rows.insert(run.id(), row);
            counts = counts.plus(row.outcome().countName(), 1);
        }
        return counts;
    }

    private BatchRow row(Run run, Asked line) {
        BulkItem item = line.item();
        if (item.subject() == null) {
            return new BatchRow(item.lineNo(), null, BulkRowOutcome.INVALID, item.problemKey(), item.mobileMasked());
        }
        if (line.answer() != null) {
            try {
                Verification stored = savepoint.execute(s -> verification.store(run.tenant().orElseThrow(), run.startedBy(),
                        run.startedBy().name(), VerificationSource.BULK, line.answer(), run.id()));
                return new BatchRow(item.lineNo(), stored.id(), BulkRowOutcome.of(stored.outcome()), null,
                        item.mobileMasked());
            } catch (RuntimeException e) {
                if (TransientFailure.of(e).isPresent() || DatabaseTrouble.isUnavailable(e)) {
                    throw e;
                }
                // one line that cannot be stored must not cost the other ten thousand their checks
                log.warn("Bulk verification {}: line {} could not be stored", run.id(), item.lineNo(), e);
            }
        }
        return new BatchRow(item.lineNo(), null, BulkRowOutcome.ERROR, "bulk.row.failed", item.mobileMasked());
    }
}
