package cn.np700.portal.numbers.quotas;

import java.util.function.BiConsumer;

/** An operator's quota edit: each field blank for the platform default, or a whole number in its range. */
record QuotaForm(String maxBlocks, String maxActiveBindings, String maxNewBindingsPerDay, String maxPairsPerX,
        String maxBindingLifetimeMinutes, String maxBPerAPerDay) {

    static QuotaForm of(QuotaOverrides o) {
        return new QuotaForm(text(o.maxBlocks()), text(o.maxActiveBindings()), text(o.maxNewBindingsPerDay()),
                text(o.maxPairsPerX()), text(o.maxBindingLifetimeMinutes()), text(o.maxBPerAPerDay()));
    }

    /** The stored overrides, reporting each field out of range through {@code problem(field, messageKey)}. */
    QuotaOverrides parse(BiConsumer<String, Object[]> problem) {
        return new QuotaOverrides(
                value("maxBlocks", maxBlocks, 0, 100_000, problem),
                value("maxActiveBindings", maxActiveBindings, 0, 100_000_000, problem),
                value("maxNewBindingsPerDay", maxNewBindingsPerDay, 0, 100_000_000, problem),
                value("maxPairsPerX", maxPairsPerX, 1, 10_000, problem),
                value("maxBindingLifetimeMinutes", maxBindingLifetimeMinutes, 1, 525_600, problem),
                value("maxBPerAPerDay", maxBPerAPerDay, 1, 100_000, problem),
                0);
    }

    private static Integer value(String field, String typed, int min, int max, BiConsumer<String, Object[]> problem) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String t = typed.trim().replace(",", "");
        if (!t.matches("\\d{1,10}") || Long.parseLong(t) < min || Long.parseLong(t) > max) {
            problem.accept(field, new Object[] {min, max});
            return null;
        }
        return Integer.valueOf(t);
    }

    private static String text(Integer value) {
        return value == null ? "" : value.toString();
    }
}
