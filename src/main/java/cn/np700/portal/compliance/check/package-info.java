/**
 * The public number check (no login): is this a platform 700 number and whose, with its rate limit, and the page that
 * also hosts the complaint form; the typed-number reading the module's forms share.
 */
package cn.np700.portal.compliance.check;
