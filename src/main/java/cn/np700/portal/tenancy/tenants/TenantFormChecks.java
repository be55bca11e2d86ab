package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.tenancy.UnifiedSocialCreditCode;
import org.springframework.validation.Errors;

/** The checks bean validation cannot express: the credit code's check character and a real mobile number. */
final class TenantFormChecks {

    private TenantFormChecks() {
    }

    static void check(TenantForm form, Errors errors) {
        if (!errors.hasFieldErrors("creditCode")) {
            UnifiedSocialCreditCode.Problem problem = UnifiedSocialCreditCode.problem(form.creditCode());
            if (problem != null) {
                errors.rejectValue("creditCode", "creditCode." + problem.name());
            }
        }
        if (!errors.hasFieldErrors("category") && form.categoryValue() == null) {
            errors.rejectValue("category", "category.invalid");
        }
        if (!errors.hasFieldErrors("contactMobile") && PhoneNumbers.normalizeMobile(form.contactMobile()).isEmpty()) {
            errors.rejectValue("contactMobile", "mobile.invalid");
        }
    }
}
