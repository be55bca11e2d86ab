package cn.np700.portal.verification.bulk;

/** One line's result as stored: the check it made (if any), its outcome, and for INVALID the problem's message key. */
record BatchRow(int lineNo, Long verificationId, BulkRowOutcome outcome, String messageKey, String mobileMasked) {
}
