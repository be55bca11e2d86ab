package cn.np700.portal.calls.simulator;

import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.LiveBindingParties;
import java.util.Random;

/**
 * Who dials X. AXB: mostly the courier (B) calling the recipient (A), sometimes the other way round, whatever the
 * binding's direction allows (routing refuses what it forbids), now and then a stranger (refused too). AXN: mostly
 * customers, some from landlines, reaching A; sometimes A calling through to N.
 */
final class TrafficCallers {

    static final double STRANGER_SHARE = 0.04;

    private TrafficCallers() {
    }

    static String pick(LiveBindingParties.Parties binding, Random random) {
        if (binding.mode() == BindingMode.AXN) {
            if (random.nextDouble() < 0.2) {
                return binding.a();
            }
            return random.nextDouble() < 0.1 ? landline(random) : stranger(random);
        }
        if (random.nextDouble() < STRANGER_SHARE) {
            return stranger(random);
        }
        return random.nextDouble() < 0.65 ? binding.b() : binding.a();
    }

    /** A mobile number no demo binding uses. */
    static String stranger(Random random) {
        return "188" + digits(8, random);
    }

    private static String landline(Random random) {
        return "010" + digits(8, random);
    }

    private static String digits(int count, Random random) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
