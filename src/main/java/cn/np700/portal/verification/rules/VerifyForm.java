package cn.np700.portal.verification.rules;

import cn.np700.portal.verification.RealNameVerification;
import java.time.LocalDate;
import org.springframework.validation.Errors;

/** A number to check as typed (+86, spaces, dashes welcome), with an optional name and ID number for three elements. */
public record VerifyForm(String mobile, String name, String idNumber) {

    public static VerifyForm empty() {
        return new VerifyForm(null, null, null);
    }

    /** The subject to check, or null after reporting each field's problem. */
    public RealNameVerification.Subject check(Errors errors, LocalDate today) {
        RealNameVerification.Subject subject = SubjectRules.subject(mobile, name, idNumber, today, errors::rejectValue);
        return errors.hasErrors() ? null : subject;
    }
}
