package cn.np700.portal.calls.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** How many calls to simulate, started between {@code from} and {@code to}, with call ids {@code callIdPrefix + n}. */
record TrafficPlan(int calls, Instant from, Instant to, String callIdPrefix) {

    /** The plan as a simulation run stores it: "calls from to", no personal data. */
    byte[] input() {
        return (calls + " " + from + " " + to).getBytes(StandardCharsets.US_ASCII);
    }

    /** A stored plan, its calls named {@code callIdPrefix + n}. */
    static TrafficPlan ofInput(byte[] input, String callIdPrefix) {
        String[] parts = new String(input, StandardCharsets.US_ASCII).trim().split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a traffic plan: " + new String(input, StandardCharsets.US_ASCII));
        }
        return new TrafficPlan(Integer.parseInt(parts[0]), Instant.parse(parts[1]), Instant.parse(parts[2]), callIdPrefix);
    }
}
