package cn.np700.portal.calls;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ingests up to one batch of an uploaded file's lines through the carrier's own ingestion (same checks, same
 * idempotency) and says what became of each line. Ingestion reports bad records by index and only counts the rest, so
 * a line's fate is read around it: call ids stored before it ran are duplicates, and the stored records' match status
 * tells matched from unmatched. (A carrier push of the same call id in the instant between would be labelled
 * accepted here while ingestion counts it a duplicate; either way it is stored once.)
 */
@Component
class CallRecordUploadIngestion {

    private final CallRecordIngestion ingestion;
    private final JdbcClient jdbc;

    CallRecordUploadIngestion(CallRecordIngestion ingestion, JdbcClient jdbc) {
        this.ingestion = ingestion;
        this.jdbc = jdbc;
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
        Set<String> storedBefore = existing(batch.stream().map(r -> trimmed(r.callId())).toList());
        Map<Integer, RecordChecks.Problem> problems = new HashMap<>();
        if (!batch.isEmpty()) {
            ingestion.ingest(batch).errors().forEach(p -> problems.put(p.index(), p));
        }
        List<CallRecordUploadLine> results = new ArrayList<>(lines.size());
        Set<String> inThisBatch = new HashSet<>();
        List<Integer> stored = new ArrayList<>();
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
            } else if (storedBefore.contains(callId) || !inThisBatch.add(callId)) {
                results.add(new CallRecordUploadLine(line.lineNo(), callId, CallRecordUploadOutcome.DUPLICATE, null,
                        "callId was stored before."));
            } else {
                stored.add(results.size());
                results.add(null);
            }
        }
        Map<String, String> status = matchStatus(stored.stream().map(i -> trimmed(lines.get(i).rawCallId())).toList());
        for (int i : stored) {
            CallRecordUploadFile.Line line = lines.get(i);
            String callId = trimmed(line.rawCallId());
            String match = status.get(callId);
            if ("MATCHED".equals(match)) {
                results.set(i, new CallRecordUploadLine(line.lineNo(), callId, CallRecordUploadOutcome.ACCEPTED, null, null));
            } else if (match != null) {
                results.set(i, new CallRecordUploadLine(line.lineNo(), callId, CallRecordUploadOutcome.UNMATCHED, match,
                        "NO_TENANT".equals(match) ? "Stored for review: x is held by no tenant."
                                : "Stored for review: no binding of x matches the parties and time."));
            } else {
                // only a purge between storing and this read could do that
                results.set(i, new CallRecordUploadLine(line.lineNo(), callId, CallRecordUploadOutcome.REJECTED,
                        "NOT_STORED", "The record could not be found after storing; upload the line again."));
            }
        }
        return results;
    }

    private Set<String> existing(List<String> callIds) {
        return new HashSet<>(matchStatus(callIds).keySet());
    }

    private Map<String, String> matchStatus(List<String> callIds) {
        Map<String, String> found = new HashMap<>();
        List<String> ids = callIds.stream().filter(id -> id != null && !id.isEmpty() && id.length() <= 64).distinct().toList();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT call_id, match_status FROM call_record WHERE call_id IN ("
                            + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")
                    .params(new ArrayList<Object>(ids))
                    .query(rs -> {
                        found.put(rs.getString(1), rs.getString(2));
                    });
        }
        return found;
    }

    private static String trimmed(String callId) {
        return callId == null ? null : callId.trim();
    }
}
