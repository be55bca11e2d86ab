package cn.np700.bench;

/**
 * When each operation of an open loop is meant to start: at a fixed rate from a start time, whatever the answers
 * before it. Latency is measured from these intended start times, so a stalled server shows as latency of every
 * request that should have been sent meanwhile (no coordinated omission).
 */
public record OpenLoopSchedule(long startNanos, double ratePerSecond) {

    public OpenLoopSchedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive");
        }
    }

    /** The intended start of operation k (counting from 0). */
    public long intendedStart(long k) {
        return startNanos + (long) Math.floor(k * 1e9 / ratePerSecond);
    }

    /** How many operations fall within the first {@code seconds}. */
    public long count(double seconds) {
        return (long) Math.floor(seconds * ratePerSecond);
    }
}
