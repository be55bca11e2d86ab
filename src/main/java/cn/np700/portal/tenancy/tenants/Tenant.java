package cn.np700.portal.tenancy.tenants;

import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.tenancy.BusinessCategory;
import cn.np700.portal.tenancy.TenantStatus;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** An enterprise using the service (a business user, 业务使用方). */
@Table("tenant")
public record Tenant(@Id Long id, String name, String creditCode, BusinessCategory category, long dailyOrderVolume,
        String contactName, String contactMobile, TenantStatus status, String statusReason, Instant createdAt,
        Instant updatedAt, @Version Integer version) {

    public static Tenant create(TenantForm form, Instant now) {
        return new Tenant(null, form.name().trim(), form.creditCode(), form.categoryValue(), form.volumeValue(),
                form.contactName().trim(), form.contactMobile(), TenantStatus.ACTIVE, null, now, now, null);
    }

    Tenant withProfile(TenantForm form, Instant now) {
        return new Tenant(id, form.name().trim(), form.creditCode(), form.categoryValue(), form.volumeValue(),
                form.contactName().trim(), form.contactMobile(), status, statusReason, createdAt, now, version);
    }

    /** What operators see until an operator admin asks for the number (and the audit trail records it). */
    public String maskedContactMobile() {
        return PhoneNumbers.maskMobile(contactMobile);
    }

    Tenant withStatus(TenantStatus newStatus, String reason, Instant now) {
        return new Tenant(id, name, creditCode, category, dailyOrderVolume, contactName, contactMobile, newStatus,
                reason, createdAt, now, version);
    }
}
