/**
 * The verification pages: the enterprise's checks (check one number, list, retry) and the operators' list across
 * enterprises.
 */
package cn.np700.portal.verification.web;
