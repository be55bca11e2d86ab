/**
 * Alerts: raising them once per rule, subject and day, the operators' queue and handling (acknowledge, dismiss,
 * suspend, lift) with the suspensions they hold, an enterprise's own alerts, and the dashboard panel.
 */
package cn.np700.portal.risk.alerts;
