/**
 * Delivery: one occurrence stored once (a unique key) and handed to each user of its audience, a tenant's users in
 * some roles or the platform's operators.
 */
package cn.np700.portal.notifications.delivery;
