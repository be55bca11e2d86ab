package cn.np700.portal.calls.upload;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.calls.ingestion.CallRecordIngestion;
import cn.np700.portal.runs.NewRun;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.runs.RunWork;
import cn.np700.portal.verification.PersonalDataCipher;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * An operator's call record file as a background run: items are its data lines in file order, a step ingests up to one
 * carrier batch of them and stores what became of each line, in the step's transaction (ingestion joins it), so a
 * crash leaves no record stored without its line and count. A step redone after a crash finds none of its records
 * stored (they rolled back with it) and labels its lines exactly as the first attempt would have.
 */
@Component
class CallRecordUploadWork implements RunWork<List<CallRecordUploadFile.Line>, Void> {

    static final String KIND = "CALL_RECORD_UPLOAD";

    private final CallRecordUploadIngestion ingestion;
    private final CallRecordUploadRows rows;
    private final PersonalDataCipher cipher;

    CallRecordUploadWork(CallRecordUploadIngestion ingestion, CallRecordUploadRows rows, PersonalDataCipher cipher) {
        this.ingestion = ingestion;
        this.rows = rows;
        this.cipher = cipher;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int chunk() {
        return CallRecordIngestion.MAX_BATCH;
    }

    /**
     * The run that stores a checked file: platform-wide (no tenant); its text stored encrypted, since call records
     * carry real numbers; keyed by the file's content, so that the same file cannot run twice at once (the second
     * could only label every line a duplicate of the first), while different files may. The key is a keyed hash: it
     * names the content without revealing anything of the numbers in it.
     */
    NewRun newRun(String fileName, CallRecordUploadFile.Checked file, AuditActor operator) {
        return new NewRun(KIND, Optional.empty(), fileName, operator, file.rows(), cipher.encrypt(file.text()),
                "CALL_UPLOAD:" + HexFormat.of().formatHex(cipher.index(file.text())), Map.of("file", fileName));
    }

    @Override
    public List<CallRecordUploadFile.Line> load(Run run, byte[] input) {
        List<CallRecordUploadFile.Line> lines = new ArrayList<>(run.total());
        CallRecordUploadFile.lines(cipher.decrypt(input), lines::add);
        if (lines.size() != run.total()) {
            throw new IllegalStateException("the stored file has " + lines.size() + " lines, not " + run.total());
        }
        return lines;
    }

    @Override
    public RunCounts step(Run run, List<CallRecordUploadFile.Line> lines, int from, int to, Void prepared) {
        List<CallRecordUploadLine> results = ingestion.ingest(lines.subList(from, to));
        rows.insert(run.id(), results);
        RunCounts counts = RunCounts.NONE;
        for (CallRecordUploadLine result : results) {
            counts = counts.plus(result.outcome().countName(), 1);
        }
        return counts;
    }
}
