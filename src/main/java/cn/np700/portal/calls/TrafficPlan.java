package cn.np700.portal.calls;

import java.time.Instant;

/** How many calls to simulate, started between {@code from} and {@code to}, with call ids {@code callIdPrefix + n}. */
record TrafficPlan(int calls, Instant from, Instant to, String callIdPrefix) {
}
