/**
 * Call statistics from the daily roll-ups: calls and answers per day, the busiest numbers, per-enterprise\n * comparison for operators.
 */
package cn.np700.portal.calls.statistics;
