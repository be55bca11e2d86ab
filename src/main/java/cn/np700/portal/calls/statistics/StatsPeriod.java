package cn.np700.portal.calls.statistics;

import java.time.LocalDate;
import java.util.List;

/**
 * The days a statistics page covers, ending today in the platform's zone: 7, 30 or 90. Anything else asked for falls
 * back to 7, and {@code refused} keeps what was typed so the page can say so.
 */
public record StatsPeriod(int days, LocalDate first, LocalDate last, String refused) {

    static final List<Integer> CHOICES = List.of(7, 30, 90);
    static final int DEFAULT = 7;

    static StatsPeriod of(String typed, LocalDate today) {
        String text = typed == null ? "" : typed.trim();
        int days = CHOICES.stream().filter(d -> Integer.toString(d).equals(text)).findFirst().orElse(DEFAULT);
        String refused = text.isEmpty() || Integer.toString(days).equals(text) ? null : typed;
        return new StatsPeriod(days, today.minusDays(days - 1L), today, refused);
    }

    public List<Integer> choices() {
        return CHOICES;
    }
}
