package cn.np700.portal.verification.bulk;

import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.rules.SubjectRules;
import java.time.LocalDate;

/**
 * One data line of a bulk file, validated like the check form: a subject to check, or the message key of its first
 * problem. Only the masked number leaves memory.
 */
record BulkItem(int lineNo, RealNameVerification.Subject subject, String problemKey, String mobileMasked) {

    static BulkItem of(BulkCsvFile.Line line, LocalDate today) {
        String mobile = line.field(0);
        if (line.fields().size() > 3) {
            return new BulkItem(line.lineNo(), null, "bulk.row.columns", masked(mobile));
        }
        String[] problem = {null};
        RealNameVerification.Subject subject = SubjectRules.subject(mobile, line.field(1), line.field(2), today,
                (field, code) -> {
                    if (problem[0] == null) {
                        // The form shows "required" beside the field; a line of a file must say which field.
                        problem[0] = "NotBlank".equals(code) ? "bulk.row.mobile.missing" : code;
                    }
                });
        return subject == null ? new BulkItem(line.lineNo(), null, problem[0], masked(mobile))
                : new BulkItem(line.lineNo(), subject, null, PhoneNumbers.maskMobile(subject.mobile()));
    }

    /** A number as typed, masked; blank when too short to mask, so no typed number is ever kept whole. */
    private static String masked(String typed) {
        String normalized = PhoneNumbers.normalizeMobile(typed).orElse(null);
        if (normalized != null) {
            return PhoneNumbers.maskMobile(normalized);
        }
        String digits = typed.replaceAll("\\D", "");
        return digits.length() >= 11 ? PhoneNumbers.maskMobile(digits) : null;
    }
}
