package cn.np700.portal.verification.rules;

import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.verification.RealNameVerification;
import java.time.LocalDate;

/** What a typed number, name and ID number must satisfy before a check; the check form and CSV rows share it. */
public final class SubjectRules {

    /** Told each problem as its field and message code, in field order. */
    public interface Problems {
        void reject(String field, String code);
    }

    private SubjectRules() {
    }

    /** The subject to check, or null after reporting each field's problem. */
    public static RealNameVerification.Subject subject(String mobile, String name, String idNumber, LocalDate today,
            Problems problems) {
        boolean[] rejected = {false};
        Problems counted = (field, code) -> {
            rejected[0] = true;
            problems.reject(field, code);
        };
        String normalized = PhoneNumbers.normalizeMobile(mobile).orElse(null);
        if (mobile == null || mobile.isBlank()) {
            counted.reject("mobile", "NotBlank");
        } else if (normalized == null) {
            counted.reject("mobile", "mobile.invalid");
        }
        String trimmedName = name == null || name.isBlank() ? null : name.trim();
        String id = idNumber == null || idNumber.isBlank() ? null : ResidentIdNumber.normalize(idNumber);
        if (trimmedName != null && trimmedName.length() > 30) {
            counted.reject("name", "verify.name.tooLong");
        }
        if (trimmedName != null && id == null) {
            counted.reject("idNumber", "verify.idNumber.required");
        } else if (id != null && trimmedName == null) {
            counted.reject("name", "verify.name.required");
        }
        if (id != null) {
            ResidentIdNumber.problem(id, today).ifPresent(p -> counted.reject("idNumber", "idNumber." + p.name()));
        }
        return rejected[0] ? null : new RealNameVerification.Subject(normalized, trimmedName, id);
    }
}
