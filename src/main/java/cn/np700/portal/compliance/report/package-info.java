/** The monthly compliance report: every enterprise's figures (operators) or one's own, as a page and a CSV file. */
package cn.np700.portal.compliance.report;
