package cn.np700.portal.calls.statistics;

/** An X number with its calls (and answered calls) over a statistics period. */
public record BusyNumber(long x, long calls, long answered) {
}
