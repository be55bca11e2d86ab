/**
 * What a subject to check must satisfy (mobile number, name, resident ID number), shared by the one-number form of the
 * pages and the API and by bulk rows.
 */
package cn.np700.portal.verification.rules;
