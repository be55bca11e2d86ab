package cn.np700.portal.calls.simulator;

import cn.np700.portal.calls.records.CallResult;
import cn.np700.portal.calls.records.CallType;
import java.time.Duration;
import java.util.Random;

/**
 * Realistic shares for connected calls: about three in four answered (one in ten of those shorter than ten seconds,
 * the rest around a minute, never over ten), the others unanswered, busy, declined or failed; messages mostly
 * delivered.
 */
final class TrafficCallShapes {

    /** No shape lasts longer than this from start to release. */
    static final Duration LONGEST = Duration.ofMinutes(11);
    static final double SMS_SHARE = 0.08;

    private TrafficCallShapes() {
    }

    static TrafficCallShape pick(CallType type, Random random) {
        return type == CallType.SMS ? message(random) : voice(random);
    }

    private static TrafficCallShape message(Random random) {
        Duration release = millis(200, 1_500, random);
        return random.nextDouble() < 0.97
                ? new TrafficCallShape(CallType.SMS, CallResult.ANSWERED, null, null, release, 0, null, null)
                : new TrafficCallShape(CallType.SMS, CallResult.FAILED, null, null, release, 0, 41, "NETWORK");
    }

    private static TrafficCallShape voice(Random random) {
        double r = random.nextDouble();
        Duration ring = millis(800, 4_000, random);
        if (r < 0.74) {
            Duration answer = ring.plus(millis(2_000, 20_000, random));
            int talk = random.nextDouble() < 0.10 ? 2 + random.nextInt(8)
                    : (int) Math.min(540, Math.max(11, Math.exp(Math.log(70) + 0.8 * random.nextGaussian())));
            return new TrafficCallShape(CallType.VOICE, CallResult.ANSWERED, ring, answer, answer.plusSeconds(talk), talk,
                    16, random.nextDouble() < 0.55 ? "CALLER" : "CALLEE");
        }
        if (r < 0.87) {
            // the caller gives up, or the network stops ringing after 45 seconds
            boolean gaveUp = random.nextDouble() < 0.4;
            Duration release = ring.plus(gaveUp ? millis(8_000, 30_000, random) : Duration.ofSeconds(45));
            return new TrafficCallShape(CallType.VOICE, CallResult.NO_ANSWER, ring, null, release, 0, gaveUp ? 16 : 19,
                    gaveUp ? "CALLER" : "NETWORK");
        }
        if (r < 0.93) {
            return new TrafficCallShape(CallType.VOICE, CallResult.BUSY, null, null, millis(1_000, 3_000, random), 0, 17,
                    "CALLEE");
        }
        if (r < 0.97) {
            return new TrafficCallShape(CallType.VOICE, CallResult.REJECTED, ring, null,
                    ring.plus(millis(3_000, 12_000, random)), 0, 21, "CALLEE");
        }
        return new TrafficCallShape(CallType.VOICE, CallResult.FAILED, null, null, millis(100, 2_000, random), 0, 41,
                "NETWORK");
    }

    private static Duration millis(int least, int most, Random random) {
        return Duration.ofMillis(least + random.nextInt(most - least));
    }
}
