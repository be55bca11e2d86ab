package cn.np700.portal.calls.ingestion;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A record's times as {@link Instant#parse} reads them. The form carriers send, {@code 2026-11-23T08:00:00Z} with
 * an optional fraction of 1 to 9 digits, is read digit by digit: the formatter's parse was most of a record's checks
 * (four times a record, 2,000 a batch). Any other form (an offset, lower case, 24:00, a leap second, a year beyond
 * four digits, a date that does not exist) goes to {@link Instant#parse}, which answers it or refuses it as before.
 */
final class RecordTimes {

    private static final int NO_FRACTION = 19;

    private RecordTimes() {
    }

    static Instant parse(String text) {
        Instant fast = plainUtc(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with fields in range, or null for any other text. */
    static Instant plainUtc(String t) {
        int length = t.length();
        if (length < NO_FRACTION + 1 || length == NO_FRACTION + 2 || length > NO_FRACTION + 11
                || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(length - 1) != 'Z'
                || length > NO_FRACTION + 1 && t.charAt(NO_FRACTION) != '.') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int nanos = 0;
        int fraction = length - NO_FRACTION - 2;
        if (fraction > 0) {
            nanos = digits(t, NO_FRACTION + 1, fraction);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    /** The value of {@code count} ASCII digits from {@code from}, or -1 when one of them is not a digit. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
