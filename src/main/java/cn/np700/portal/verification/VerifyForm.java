package cn.np700.portal.verification;

import cn.np700.portal.tenancy.MobileNumbers;
import java.time.LocalDate;
import org.springframework.validation.Errors;

/** A number to check as typed (+86, spaces, dashes welcome), with an optional name and ID number for three elements. */
record VerifyForm(String mobile, String name, String idNumber) {

    static VerifyForm empty() {
        return new VerifyForm(null, null, null);
    }

    /** The subject to check, or null after reporting each field's problem. */
    RealNameVerification.Subject check(Errors errors, LocalDate today) {
        String normalized = MobileNumbers.normalize(mobile).orElse(null);
        if (mobile == null || mobile.isBlank()) {
            errors.rejectValue("mobile", "NotBlank");
        } else if (normalized == null) {
            errors.rejectValue("mobile", "mobile.invalid");
        }
        String trimmedName = name == null || name.isBlank() ? null : name.trim();
        String id = idNumber == null || idNumber.isBlank() ? null : ResidentIdNumber.normalize(idNumber);
        if (trimmedName != null && trimmedName.length() > 30) {
            errors.rejectValue("name", "verify.name.tooLong");
        }
        if (trimmedName != null && id == null) {
            errors.rejectValue("idNumber", "verify.idNumber.required");
        } else if (id != null && trimmedName == null) {
            errors.rejectValue("name", "verify.name.required");
        }
        if (id != null) {
            ResidentIdNumber.problem(id, today).ifPresent(p -> errors.rejectValue("idNumber", "idNumber." + p.name()));
        }
        return errors.hasErrors() ? null : new RealNameVerification.Subject(normalized, trimmedName, id);
    }
}
