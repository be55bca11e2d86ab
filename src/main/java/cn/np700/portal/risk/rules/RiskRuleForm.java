package cn.np700.portal.risk.rules;

import cn.np700.portal.risk.RiskRuleCode;
import java.util.function.BiConsumer;

/** One rule's settings as typed; figures stay text so that what was typed comes back with the error. */
public record RiskRuleForm(Boolean enabled, Boolean autoSuspend, String threshold, String volume) {

    static RiskRuleForm of(RiskRule rule) {
        return new RiskRuleForm(rule.enabled(), rule.autoSuspend(), Integer.toString(rule.threshold()),
                Integer.toString(rule.volume()));
    }

    /** The settings, or null after reporting each figure out of range as (field, {min, max}). */
    RiskRule parse(RiskRule current, BiConsumer<String, Object[]> outOfRange) {
        RiskRuleCode code = current.code();
        Integer t = figure(threshold, code.thresholdMin(), code.thresholdMax(), "threshold", outOfRange);
        Integer v = code.hasVolume() ? figure(volume, code.volumeMin(), code.volumeMax(), "volume", outOfRange) : Integer.valueOf(0);
        if (t == null || v == null) {
            return null;
        }
        return new RiskRule(code, Boolean.TRUE.equals(enabled), Boolean.TRUE.equals(autoSuspend), t, v, current.severity());
    }

    private static Integer figure(String typed, int min, int max, String field, BiConsumer<String, Object[]> outOfRange) {
        String trimmed = typed == null ? "" : typed.trim();
        if (trimmed.matches("\\d{1,9}")) {
            int value = Integer.parseInt(trimmed);
            if (value >= min && value <= max) {
                return value;
            }
        }
        outOfRange.accept(field, new Object[] {min, max});
        return null;
    }
}
