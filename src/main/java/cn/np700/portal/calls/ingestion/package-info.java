/**
 * Call records in: the carrier's record API and its checks, storage matched to a binding, the daily roll-ups, and\n * records stored unmatched (linked later when their binding becomes known, reviewed or linked by hand by operators).
 */
package cn.np700.portal.calls.ingestion;
