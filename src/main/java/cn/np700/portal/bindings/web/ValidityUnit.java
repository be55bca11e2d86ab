package cn.np700.portal.bindings.web;

import java.time.Duration;

/** The units a validity is typed in on the binding pages; the core takes seconds. */
public enum ValidityUnit {
    MINUTES(60), HOURS(3_600), DAYS(86_400);

    private final long seconds;

    ValidityUnit(long seconds) {
        this.seconds = seconds;
    }

    long seconds() {
        return seconds;
    }

    static ValidityUnit parse(String typed) {
        for (ValidityUnit unit : values()) {
            if (unit.name().equals(typed)) {
                return unit;
            }
        }
        return null;
    }

    /** The largest unit that expresses {@code length} whole, for the "at most ..." hint. */
    static ValidityUnit largestWhole(Duration length) {
        for (int i = values().length - 1; i > 0; i--) {
            if (length.toSeconds() % values()[i].seconds == 0) {
                return values()[i];
            }
        }
        return MINUTES;
    }

    long amountOf(Duration length) {
        return length.toSeconds() / seconds;
    }
}
