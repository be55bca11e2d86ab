/**
 * Traceability: the chain of custody of a 15-digit number or an 11-digit block code, and the operators' suspend and
 * lift actions from a number's page.
 */
package cn.np700.portal.numbers.history;
