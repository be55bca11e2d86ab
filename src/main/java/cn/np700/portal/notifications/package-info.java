/**
 * Notifications: each user's notification centre and the unread count in the top bar. Listens to other modules'
 * events (request decisions, suspensions, complaints, risk alerts) and watches quotas; each occurrence is stored once
 * (a unique key) and delivered to the users it concerns, as a message key with arguments rendered in the reader's
 * language.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package cn.np700.portal.notifications;
