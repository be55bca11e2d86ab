/**
 * Bulk verification: a CSV of up to 10,000 numbers checked as a background run, its page, and the per-line result file.
 */
package cn.np700.portal.verification.bulk;
