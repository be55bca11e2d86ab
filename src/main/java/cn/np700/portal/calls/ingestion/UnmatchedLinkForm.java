package cn.np700.portal.calls.ingestion;

import org.springframework.validation.Errors;

/**
 * An operator's link of an unmatched record as typed: the binding picked from the candidates, or typed (which wins
 * when both are given), and why.
 */
public record UnmatchedLinkForm(String bindingId, String typedBindingId, String reason) {

    static final int MAX_REASON = 500;

    static UnmatchedLinkForm blank() {
        return new UnmatchedLinkForm("", "", "");
    }

    /** The chosen binding id, or null with each problem reported next to its field. */
    Long check(Errors errors) {
        String typed = typedBindingId == null ? "" : typedBindingId.trim();
        String id = typed.isEmpty() ? (bindingId == null ? "" : bindingId.trim()) : typed;
        Long chosen = null;
        if (id.isEmpty()) {
            errors.rejectValue("typedBindingId", "call.link.binding.required");
        } else if (!id.matches("\\d{1,18}")) {
            errors.rejectValue("typedBindingId", "call.link.binding.malformed");
        } else {
            chosen = Long.valueOf(id);
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            errors.rejectValue("reason", "call.link.reason.required");
        } else if (why.length() > MAX_REASON) {
            errors.rejectValue("reason", "call.link.reason.tooLong", new Object[] {MAX_REASON}, "call.link.reason.tooLong");
        }
        return errors.hasErrors() ? null : chosen;
    }
}
