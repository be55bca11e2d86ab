package cn.np700.portal.consent;

import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.runs.RunWork;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.PersonalDataCipher;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A consent import's work, 200 lines a step: each step records its lines' consents, their audit entries in the
 * starter's name and the run's new position in one transaction, so a node that dies mid-file leaves each line
 * recorded and counted once.
 */
@Component
class ConsentImportWork implements RunWork<List<ConsentCsv.Line>, Void> {

    private final Consents consents;
    private final PersonalDataCipher cipher;

    ConsentImportWork(Consents consents, PersonalDataCipher cipher) {
        this.consents = consents;
        this.cipher = cipher;
    }

    @Override
    public String kind() {
        return ConsentImports.KIND;
    }

    @Override
    public int chunk() {
        return 200;
    }

    /** The file's lines, checked against the time the run started, whichever node takes it up and when. */
    @Override
    public List<ConsentCsv.Line> load(Run run, byte[] input) {
        ConsentCsv.Read read = ConsentCsv.read(cipher.decrypt(input), run.createdAt());
        if (read.problemKey() != null || read.lines().size() != run.total()) {
            throw new IllegalStateException("the stored file of consent import " + run.id() + " no longer reads");
        }
        return read.lines();
    }

    @Override
    public RunCounts step(Run run, List<ConsentCsv.Line> lines, int from, int to, Void prepared) {
        RunCounts counts = RunCounts.NONE;
        TenantId tenant = run.tenant().orElseThrow();
        for (ConsentCsv.Line line : lines.subList(from, to)) {
            if (!line.valid()) {
                counts = counts.plus(ConsentImports.INVALID, 1);
                continue;
            }
            boolean recorded = consents.recordChecked(tenant, run.startedBy().name(), run.startedBy(), line.digits(),
                    line.consent(), "IMPORT").isPresent();
            counts = counts.plus(recorded ? ConsentImports.RECORDED : ConsentImports.EXISTING, 1);
        }
        return counts;
    }
}
