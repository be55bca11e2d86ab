/**
 * Operators' CSV upload of call records as a background run, with the per-line result file.
 */
package cn.np700.portal.calls.upload;
