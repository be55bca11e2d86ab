package cn.np700.portal.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What an endpoint can subscribe to, by the {@code type} name receivers see in the payload. */
public enum WebhookEventType {
    CALL_ROUTED("call.routed", null),
    CALL_STATUS("call.status", null),
    CALL_RECORD_STORED("call.record.stored", null),
    /** The records of one ingested batch in one message per endpoint: {@code data.records}, at most 500 of them. */
    CALL_RECORDS_STORED("call.records.stored", null),
    BINDING_CREATED("binding.created", "BINDING_CREATED"),
    BINDING_CHANGED("binding.changed", "BINDING_UPDATED"),
    BINDING_ENDED("binding.ended", "BINDING_UNBOUND"),
    BINDING_EXPIRED("binding.expired", "BINDING_EXPIRED"),
    BINDING_SUSPENDED("binding.suspended", "BINDING_SUSPENDED"),
    BINDING_RESTORED("binding.restored", "BINDING_UNSUSPENDED"),
    NUMBER_SUSPENDED("number.suspended", "NUMBER_SUSPENDED"),
    NUMBER_RESTORED("number.restored", "NUMBER_UNSUSPENDED"),
    RISK_ALERT("risk.alert", "RISK_ALERT_RAISED"),
    QUOTA_THRESHOLD("quota.threshold", null),
    COMPLAINT_RECEIVED("complaint.received", "COMPLAINT_RECEIVED"),
    CONSENT_WITHDRAWN("consent.withdrawn", null),
    /** Sent on the admin's request only; nobody subscribes to it. */
    TEST("webhook.test", null);

    private final String wire;
    private final String auditAction;

    WebhookEventType(String wire, String auditAction) {
        this.wire = wire;
        this.auditAction = auditAction;
    }

    public String wire() {
        return wire;
    }

    public String labelKey() {
        return "webhooks.event." + wire;
    }

    /** The types an admin may choose. */
    static List<WebhookEventType> subscribable() {
        return Arrays.stream(values()).filter(t -> t != TEST).toList();
    }

    static Optional<WebhookEventType> ofWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    /** The type an audited change of another module is pushed as, if any. */
    static Optional<WebhookEventType> ofAuditAction(String action) {
        return Arrays.stream(values()).filter(t -> action.equals(t.auditAction)).findFirst();
    }
}
