package cn.np700.portal.calls.upload;

import cn.np700.portal.calls.ingestion.CallRecordIngestion;
import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.calls.ingestion.RecordChecks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Ingests up to one batch of an uploaded file's lines through the carrier's own ingestion (same checks, same
 * idempotency) and says what became of each line. Ingestion reports bad records by index and which call ids it stored
 * with their match status; a good line whose call id it did not store was stored before (or earlier in the batch), so
 * it is a duplicate. Nothing is read around the ingestion, so a record pushed by the carrier at the same instant is
 * labelled by whoever really stored it.
 */
@Component
class CallRecordUploadIngestion {

    private final CallRecordIngestion ingestion;

    CallRecordUploadIngestion(CallRecordIngestion ingestion) {
        this.ingestion = ingestion;
    }

    List<CallRecordUploadLine> ingest(List<CallRecordUploadFile.Line> lines) {
        if (lines.size() > CallRecordIngestion.MAX_BATCH) {
            throw new IllegalArgumentException("at most " + CallRecordIngestion.MAX_BATCH + " lines at a time");
        }
        List<CallRecordJson> batch = new ArrayList<>();
        Map<Integer, Integer> indexOfLine = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).record() != null) {
                indexOfLine.put(i, batch.size());
                batch.add(lines.get(i).record());
            }
        }
        Map<Integer, RecordChecks.Problem> problems = new HashMap<>();
        Map<String, String> stored = Map.of();
        if (!batch.isEmpty()) {
            CallRecordIngestion.Ingested ingested = ingestion.ingestTelling(batch);
            ingested.result().errors().forEach(p -> problems.put(p.index(), p));
            stored = ingested.stored();
        }
        List<CallRecordUploadLine> results = new ArrayList<>(lines.size());
        Set<String> labelled = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            CallRecordUploadFile.Line line = lines.get(i);
            RecordChecks.Problem problem = line.record() == null ? null : problems.get(indexOfLine.get(i));
            String callId = trimmed(line.rawCallId());
            if (line.record() == null) {
                results.add(new CallRecordUploadLine(line.lineNo(), callId, CallRecordUploadOutcome.REJECTED, line.reason(),
                        line.message()));
            } else if (problem != null) {
                results.add(new CallRecordUploadLine(line.lineNo(), callId, CallRecordUploadOutcome.REJECTED,
                        problem.reason(), problem.message()));
            } else if (!stored.containsKey(callId) || !labelled.add(callId)) {
                results.add(new CallRecordUploadLine(line.lineNo(), callId, CallRecordUploadOutcome.DUPLICATE, null,
                        "callId was stored before."));
            } else if ("MATCHED".equals(stored.get(callId))) {
                results.add(new CallRecordUploadLine(line.lineNo(), callId, CallRecordUploadOutcome.ACCEPTED, null, null));
            } else {
                String match = stored.get(callId);
                results.add(new CallRecordUploadLine(line.lineNo(), callId, CallRecordUploadOutcome.UNMATCHED, match,
                        "NO_TENANT".equals(match) ? "Stored for review: x is held by no tenant."
                                : "Stored for review: no binding of x matches the parties and time."));
            }
        }
        return results;
    }

    private static String trimmed(String callId) {
        return callId == null ? null : callId.trim();
    }
}
