package cn.np700.portal.calls.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;

/**
 * When simulated calls happen: the day's shape in the platform's time zone, quiet at night, with the lunch (11–13)
 * and dinner (17–19) peaks of deliveries.
 */
final class TrafficHours {

    private static final double[] WEIGHTS = {
        1.0, 0.5, 0.3, 0.3, 0.3, 0.5, 1.0, 2.0, 4.0, 5.0, 6.0, 10.0,
        10.0, 6.0, 5.0, 5.0, 6.0, 9.0, 10.0, 7.0, 5.0, 4.0, 3.0, 2.0};
    private static final double HIGHEST = 10.0;
    private static final int TRIES = 200;

    private final ZoneId zone;

    TrafficHours(ZoneId zone) {
        this.zone = zone;
    }

    static double weight(int hour) {
        return WEIGHTS[hour];
    }

    /** An instant in [from, to], likelier in busy hours; {@code from} when the window is empty. */
    Instant pick(Instant from, Instant to, Random random) {
        long span = Duration.between(from, to).toMillis();
        if (span <= 0) {
            return from;
        }
        Instant candidate = from;
        for (int i = 0; i < TRIES; i++) {
            candidate = from.plusMillis((long) (random.nextDouble() * span));
            if (random.nextDouble() * HIGHEST < weight(candidate.atZone(zone).getHour())) {
                return candidate;
            }
        }
        return candidate;
    }
}
