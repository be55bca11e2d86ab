package support;

import java.util.concurrent.ThreadLocalRandom;

/** Mobile numbers for the flows: random ones with a prefix (the verification simulator answers by it), masked forms. */
public final class Mobiles {

    private Mobiles() {
    }

    /** A random 11-digit mobile number starting with {@code prefix}. */
    public static String random(String prefix) {
        StringBuilder number = new StringBuilder(prefix);
        while (number.length() < 11) {
            number.append(ThreadLocalRandom.current().nextInt(10));
        }
        return number.toString();
    }

    /** The number as the portal shows it: 139****1234. */
    public static String masked(String mobile) {
        return mobile.substring(0, 3) + "****" + mobile.substring(7);
    }
}
