package cn.np700.portal.calls.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordTimesTests {

    /**
     * The digit-by-digit reading of the carriers' form gives the instant {@link Instant#parse} gives: random instants
     * of years 0 to 9999, each written with no fraction and with every fraction length from 1 to 9 digits.
     */
    @Test
    void theCarriersFormReadsAsInstantParseReadsIt() {
        Random random = new Random(18);
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(first + (long) (random.nextDouble() * (last - first)),
                    random.nextInt(1_000_000_000));
            String whole = instant.toString().substring(0, 19);
            String nanos = String.format("%09d", instant.getNano());
            for (int digits = 0; digits <= 9; digits++) {
                String text = whole + (digits == 0 ? "" : "." + nanos.substring(0, digits)) + "Z";
                assertThat(RecordTimes.plainUtc(text)).as(text).isNotNull().isEqualTo(Instant.parse(text));
            }
        }
    }

    /** Every other form goes to {@link Instant#parse}: read as it reads it. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23t08:00:00z", "2026-11-23T08:00:00+08:00", "2026-11-23T08:00:00.Z",
            "2026-11-23T24:00:00Z", "2026-12-31T23:59:60Z", "+12026-11-23T08:00:00Z", "-2026-11-23T08:00:00Z",
            "2024-02-29T08:00:00Z"})
    void otherFormsInstantParseAcceptsReadTheSame(String text) {
        assertThat(RecordTimes.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }

    /** What {@link Instant#parse} refuses is refused the same way (the record is then MALFORMED_TIME). */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T08:00:00", "2026-13-23T08:00:00Z", "2026-00-23T08:00:00Z",
            "2026-02-29T08:00:00Z", "2026-04-31T08:00:00Z", "2026-11-23T25:00:00Z", "2026-11-23T08:60:00Z",
            "2026-11-23T08:00:61Z", "2026-11-23T08:00:00.1234567890Z", "2026-11-23 08:00:00Z", "2026-1-23T08:00:00Z",
            "2026-11-23T08:00:0xZ", "２０２６-11-23T08:00:00Z", "2026-11-23T08:00:00.12a4Z", "yesterday",
            "2026-11-23T08:00:00ZZ"})
    void whatInstantParseRefusesIsRefused(String text) {
        assertThat(RecordTimes.plainUtc(text)).as(text).isNull();
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> RecordTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
