package cn.np700.portal.support;

import java.util.concurrent.ThreadLocalRandom;

/** Mobile numbers for tests: a chosen prefix (the verification simulator answers by it), random digits after. */
public final class TestMobiles {

    private TestMobiles() {
    }

    public static String withPrefix(String prefix) {
        StringBuilder digits = new StringBuilder(prefix);
        while (digits.length() < 11) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.toString();
    }

    /** 138****5678, as the portal shows a number. */
    public static String masked(String mobile) {
        return mobile.substring(0, 3) + "****" + mobile.substring(7);
    }
}
