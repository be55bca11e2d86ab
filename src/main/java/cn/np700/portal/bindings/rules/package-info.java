/**
 * What a binding request must satisfy before anything is written: input rules, verified and not blacklisted parties,
 * refusals with their codes, real numbers sealed for storage.
 */
package cn.np700.portal.bindings.rules;
