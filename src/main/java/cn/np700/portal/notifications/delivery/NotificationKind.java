package cn.np700.portal.notifications.delivery;

/** What a notification is about; the centre shows it as a label. */
public enum NotificationKind {
    REQUEST_SUBMITTED, REQUEST_APPROVED, REQUEST_REJECTED, NUMBER_SUSPENDED, NUMBER_LIFTED, COMPLAINT, RISK_ALERT,
    QUOTA_80, QUOTA_100, WEBHOOK_DISABLED
}
