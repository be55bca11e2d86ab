package cn.np700.portal.calls.ingestion;

/**
 * One record as the carrier pushes it (fields of domain.md); times ISO-8601 instants. {@code bindingId} is optional:
 * the binding the routing answer named for this call. Checked by {@link RecordChecks}.
 */
public record CallRecordJson(String callId, String x, String caller, String callee, String type, String startTime,
        String ringTime, String answerTime, String releaseTime, Integer durationSeconds, Integer releaseCause,
        String releaseSide, String result, String recordingRef, Long bindingId) {
}
