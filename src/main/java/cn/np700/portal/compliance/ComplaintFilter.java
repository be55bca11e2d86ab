package cn.np700.portal.compliance;

/** The operators' queue filters, already checked: null means "any". */
record ComplaintFilter(ComplaintStatus status, ComplaintCategory category, Long number) {
}
