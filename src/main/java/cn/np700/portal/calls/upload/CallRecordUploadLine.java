package cn.np700.portal.calls.upload;

/** One line's result as stored and written to the result file; {@code reason} and {@code message} only when not accepted. */
record CallRecordUploadLine(int lineNo, String callId, CallRecordUploadOutcome outcome, String reason, String message) {
}
