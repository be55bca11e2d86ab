package cn.np700.portal.calls.ingestion;

import java.util.List;

/** What a pushed batch came to: stored (of which unmatched, kept for operators), duplicates, and each rejected record. */
public record IngestResult(int accepted, int unmatched, int duplicates, int rejected, List<RecordChecks.Problem> errors) {
}
