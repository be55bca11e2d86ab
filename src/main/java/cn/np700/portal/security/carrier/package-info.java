/**
 * Carrier clients: the credentials the carrier's platform calls {@code /api/carrier/**} with, managed by operator
 * admins, and that chain's filter and configuration.
 */
package cn.np700.portal.security.carrier;
