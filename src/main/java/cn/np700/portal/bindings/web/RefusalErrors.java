package cn.np700.portal.bindings.web;

import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.bindings.rules.RefusalCode;
import cn.np700.portal.web.NotFoundException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.validation.Errors;

/**
 * Puts a refusal's problems next to the fields of a page form: the core's expiry fields become the form's
 * {@code validity} (a party's consent, {@code consent.a.channel}, the form's {@code consentAChannel}), a problem about
 * no field of the form goes to the top of the form. A field keeps its first problem.
 */
final class RefusalErrors {

    private static final Map<String, String> ALIASES = aliases();

    private RefusalErrors() {
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new HashMap<>(BindingForm.CONSENT_FIELDS);
        aliases.put("expiresInSeconds", Validity.FIELD);
        aliases.put("expiresAt", Validity.FIELD);
        return Map.copyOf(aliases);
    }

    /** Returns the fields whose number has no current verification, so that the page can link to the check. */
    static Set<String> apply(BindingRefusedException refusal, Errors errors, Set<String> formFields) {
        Set<String> notVerified = new LinkedHashSet<>();
        for (BindingRefusedException.Problem problem : refusal.problems()) {
            if (problem.code() == RefusalCode.NOT_FOUND) {
                throw new NotFoundException("binding");
            }
            String field = problem.field() == null ? null : ALIASES.getOrDefault(problem.field(), problem.field());
            if (field == null || !formFields.contains(field)) {
                errors.reject(problem.messageKey(), problem.args(), problem.messageKey());
                continue;
            }
            if (!errors.hasFieldErrors(field)) {
                errors.rejectValue(field, problem.messageKey(), problem.args(), problem.messageKey());
            }
            if (problem.code() == RefusalCode.NOT_VERIFIED) {
                notVerified.add(field);
            }
        }
        return notVerified;
    }
}
