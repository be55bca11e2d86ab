package cn.np700.portal.risk;

/** The rules, with the range an operator may set for each figure (threshold, then volume). */
public enum RiskRuleCode {
    MARKETING_REACH(1, 10_000, 0, 0),
    SHORT_CALLS(1, 100, 1, 100_000),
    LOW_ANSWER(1, 100, 1, 100_000),
    BINDING_SURGE(100, 10_000, 0, 0),
    HOARDING(1, 100, 1, 365),
    COMPLAINTS(1, 1_000, 1, 365),
    ALLOWLIST_REFUSALS(1, 100_000, 0, 0);

    private final int thresholdMin;
    private final int thresholdMax;
    private final int volumeMin;
    private final int volumeMax;

    RiskRuleCode(int thresholdMin, int thresholdMax, int volumeMin, int volumeMax) {
        this.thresholdMin = thresholdMin;
        this.thresholdMax = thresholdMax;
        this.volumeMin = volumeMin;
        this.volumeMax = volumeMax;
    }

    public int thresholdMin() {
        return thresholdMin;
    }

    public int thresholdMax() {
        return thresholdMax;
    }

    public int volumeMin() {
        return volumeMin;
    }

    public int volumeMax() {
        return volumeMax;
    }

    /** Rules whose second figure means nothing (it stays 0). */
    public boolean hasVolume() {
        return volumeMax > 0;
    }
}
