package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.ComplaintCategory;
import cn.np700.portal.compliance.ComplaintStatus;
/** The operators' queue filters, already checked: null means "any". */
record ComplaintFilter(ComplaintStatus status, ComplaintCategory category, Long number) {
}
