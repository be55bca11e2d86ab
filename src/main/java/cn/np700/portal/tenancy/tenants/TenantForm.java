package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.tenancy.BusinessCategory;
import cn.np700.portal.tenancy.UnifiedSocialCreditCode;
import cn.np700.portal.tenancy.accounts.UsernameRules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Arrays;

/**
 * What an operator types to create or edit a tenant; the first admin's fields are only read on creation.
 * Every field is text, so that anything typed (or forged) comes back to the form instead of failing the binding.
 */
public record TenantForm(
        @NotBlank @Size(max = 100) String name,
        @NotBlank String creditCode,
        @NotBlank String category,
        @NotBlank @Pattern(regexp = "\\d{1,9}") String dailyOrderVolume,
        @NotBlank @Size(max = 50) String contactName,
        @NotBlank String contactMobile,
        @NotBlank(groups = OnCreate.class) @Pattern(regexp = UsernameRules.PATTERN, groups = OnCreate.class) String adminUsername,
        @NotBlank(groups = OnCreate.class) @Size(max = 50, groups = OnCreate.class) String adminDisplayName) {

    static TenantForm empty() {
        return new TenantForm(null, null, null, null, null, null, null, null);
    }

    static TenantForm of(Tenant t) {
        return new TenantForm(t.name(), t.creditCode(), t.category().name(), Long.toString(t.dailyOrderVolume()),
                t.contactName(), t.contactMobile(), null, null);
    }

    BusinessCategory categoryValue() {
        return Arrays.stream(BusinessCategory.values()).filter(c -> c.name().equals(category)).findFirst().orElse(null);
    }

    long volumeValue() {
        return Long.parseLong(dailyOrderVolume.trim());
    }

    /** The same form with the credit code and mobile in their stored shape, when they parse. */
    TenantForm normalized() {
        String mobile = PhoneNumbers.normalizeMobile(contactMobile).orElse(contactMobile);
        String username = adminUsername == null ? null : adminUsername.trim().toLowerCase();
        return new TenantForm(name, UnifiedSocialCreditCode.normalize(creditCode), category,
                dailyOrderVolume == null ? null : dailyOrderVolume.trim(), contactName, mobile, username,
                adminDisplayName == null ? null : adminDisplayName.trim());
    }
}
