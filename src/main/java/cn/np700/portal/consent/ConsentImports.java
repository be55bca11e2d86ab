package cn.np700.portal.consent;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.NewRun;
import cn.np700.portal.runs.Run;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.PersonalDataCipher;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starts an import of consents from a CSV file as a background run (one per enterprise at a time; the work is
 * {@link ConsentImportWork}), the file's text encrypted with the run until it ends (it holds real numbers).
 */
@Component
public class ConsentImports {

    static final String KIND = "CONSENT_IMPORT";
    public static final String RECORDED = "recorded";
    public static final String EXISTING = "existing";
    public static final String INVALID = "invalid";
    public static final int MAX_ROWS = ConsentCsv.MAX_ROWS;

    private final BackgroundRuns runs;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    ConsentImports(BackgroundRuns runs, PersonalDataCipher cipher, Clock clock) {
        this.runs = runs;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The run started, or the message key saying why the file is refused (its arguments: the limit). */
    public record Started(Optional<Run> run, String problemKey) {
    }

    /** @throws cn.np700.portal.runs.RunAlreadyGoing when the enterprise has an import running */
    public Started start(TenantId tenant, AuditActor by, String fileName, byte[] content) {
        String text = ConsentCsv.decode(content);
        ConsentCsv.Read read = ConsentCsv.read(text, clock.instant());
        if (read.problemKey() != null) {
            return new Started(Optional.empty(), read.problemKey());
        }
        int invalid = (int) read.lines().stream().filter(line -> !line.valid()).count();
        if (invalid == read.lines().size()) {
            // nothing would be recorded: a wrong file (another export, a spreadsheet) is refused, not run
            return new Started(Optional.empty(), "consent.import.nothingValid");
        }
        return new Started(Optional.of(runs.start(new NewRun(KIND, Optional.of(tenant), fileName, by, read.lines().size(),
                cipher.encrypt(text), KIND + ":" + tenant.value(), Map.of("rows", read.lines().size(), "invalidRows",
                invalid)))), null);
    }

    public List<Run> recent(TenantId tenant, int limit) {
        return runs.recentOfTenant(KIND, tenant, limit);
    }
}
