package cn.np700.portal.notifications;

import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.web.StoredText;
import cn.np700.portal.notifications.delivery.Audience;
import cn.np700.portal.notifications.delivery.NotificationKind;
import cn.np700.portal.notifications.delivery.Notifier;
import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.tenancy.TenantFacts;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the public events other modules already publish (their audited changes) into notifications. It reads only
 * what an event carries, so a module that changes how it stores a thing keeps its notifications as long as it keeps
 * publishing the event. Stored in the publisher's transaction: a notification exists exactly when its change committed.
 */
@Component
class EventNotifications {

    private final Notifier notifier;
    private final TenantDirectory tenants;

    EventNotifications(Notifier notifier, TenantDirectory tenants) {
        this.notifier = notifier;
        this.tenants = tenants;
    }

    // not @Transactional itself: most events (logins, bindings) notify nobody and must not open a transaction of their
    // own; Notifier joins the publisher's transaction when one is running
    @EventListener
    public void on(AuditableEvent event) {
        String id = event.targetId();
        TenantId tenant = event.tenantId(); // null: a platform-wide change, which no tenant is told of
        Map<String, Object> details = event.details() == null ? Map.of() : event.details();
        switch (event.action()) {
            case "NUMBER_REQUEST_SUBMITTED" -> notifier.notify("REQUEST_SUBMITTED:" + id, NotificationKind.REQUEST_SUBMITTED,
                    Audience.operators(), "/operator/requests/" + id, "notification.requestSubmitted", tenantName(tenant),
                    details.getOrDefault("blocks", "?"), id);
            case "NUMBER_REQUEST_APPROVED", "NUMBER_REQUEST_PARTIALLY_APPROVED" -> {
                if (tenant != null) {
                    notifier.notify("REQUEST_DECIDED:" + id, NotificationKind.REQUEST_APPROVED, Audience.tenantAdmins(tenant),
                            "/numbers/requests/" + id, "notification.requestApproved", id,
                            details.getOrDefault("approved", "?"), details.getOrDefault("requested", "?"));
                }
            }
            case "NUMBER_REQUEST_REJECTED" -> {
                if (tenant != null) {
                    notifier.notify("REQUEST_DECIDED:" + id, NotificationKind.REQUEST_REJECTED, Audience.tenantAdmins(tenant),
                            "/numbers/requests/" + id, "notification.requestRejected", id, details.getOrDefault("reason", ""));
                }
            }
            case "NUMBER_SUSPENDED", "NUMBER_UNSUSPENDED" -> {
                if (tenant != null) {
                    boolean suspended = event.action().equals("NUMBER_SUSPENDED");
                    recurring(event.action() + ":" + id + ":", suspended ? NotificationKind.NUMBER_SUSPENDED
                                    : NotificationKind.NUMBER_LIFTED, Audience.tenantStaff(tenant), "/numbers?q=" + id,
                            suspended ? "notification.numberSuspended" : "notification.numberLifted",
                            UsageNumber.display(Long.parseLong(id)), details.getOrDefault("reason", ""));
                }
            }
            case "BLOCK_SUSPENDED", "BLOCK_UNSUSPENDED" -> {
                if (tenant != null) {
                    boolean suspended = event.action().equals("BLOCK_SUSPENDED");
                    recurring(event.action() + ":" + id + ":", suspended ? NotificationKind.NUMBER_SUSPENDED
                                    : NotificationKind.NUMBER_LIFTED, Audience.tenantStaff(tenant), "/numbers?block=" + id,
                            suspended ? "notification.blockSuspended" : "notification.blockLifted",
                            BlockCode.of(Long.parseLong(id)).display(), details.getOrDefault("reason", ""));
                }
            }
            case "COMPLAINT_RECEIVED" -> {
                String number = String.valueOf(details.get("number"));
                String shown = UsageNumber.parse(number).map(UsageNumber::display).orElse(number);
                notifier.notify("COMPLAINT:" + id + ":operators", NotificationKind.COMPLAINT, Audience.operators(),
                        "/operator/numbers/" + number, "notification.complaint", shown, details.getOrDefault("reference", ""));
                if (tenant != null) {
                    notifier.notify("COMPLAINT:" + id + ":tenant", NotificationKind.COMPLAINT, Audience.tenantAdmins(tenant),
                            "/complaints", "notification.complaint", shown, details.getOrDefault("reference", ""));
                }
            }
            case "RISK_ALERT_RAISED" -> {
                // the rule by its message key, so each reader sees its name in their own language
                Object rule = StoredText.message("risk.rule." + details.getOrDefault("rule", ""));
                Object summary = details.getOrDefault("summary", "");
                notifier.notify("RISK_ALERT:" + id + ":operators", NotificationKind.RISK_ALERT, Audience.operators(),
                        "/operator/risk/alerts/" + id, "notification.riskAlert", id, rule, summary);
                if (tenant != null) {
                    notifier.notify("RISK_ALERT:" + id + ":tenant", NotificationKind.RISK_ALERT, Audience.tenantAdmins(tenant),
                            "/risk/alerts/" + id, "notification.riskAlert", id, rule, summary);
                }
            }
            case "WEBHOOK_ENDPOINT_DISABLED" -> {
                // the worker's disabling of a failing endpoint, not an admin's own switch
                if (tenant != null && "FAILING".equals(details.get("reason"))) {
                    recurring("WEBHOOK_DISABLED:" + id + ":", NotificationKind.WEBHOOK_DISABLED, Audience.tenantAdmins(tenant),
                            "/enterprise/webhooks/" + id, "notification.webhookDisabled", String.valueOf(details.getOrDefault("url", id)));
                }
            }
            default -> {
                // every other change is for the audit trail only
            }
        }
    }

    /**
     * Things that recur on one subject get one notification per occurrence, numbered in order. The count is a plain
     * read (a locking one would take gap locks that deadlock two suspensions of different numbers); should it be stale,
     * the taken number is refused by the unique key and the next one is tried.
     */
    private void recurring(String prefix, NotificationKind kind, Audience audience, String link, String messageKey,
            Object... args) {
        long next = notifier.occurrences(prefix) + 1;
        for (int tries = 0; tries < 10 && !notifier.notify(prefix + next, kind, audience, link, messageKey, args); tries++) {
            next++;
        }
    }

    private String tenantName(TenantId tenant) {
        return tenant == null ? "" : tenants.find(tenant).map(TenantFacts::name).orElse("#" + tenant);
    }
}
