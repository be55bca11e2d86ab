/**
 * The notification centre: a user's own notifications, rendered in the reader's language, the unread count in the
 * top bar, and marking read.
 */
package cn.np700.portal.notifications.centre;
