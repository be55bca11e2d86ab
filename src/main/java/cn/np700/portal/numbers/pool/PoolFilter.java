package cn.np700.portal.numbers.pool;

import cn.np700.portal.numbers.BlockCode;

/** The tenant's number list filters: digits anywhere in the number, and a state (AVAILABLE, IN_USE, SUSPENDED). */
record PoolFilter(String q, String state, Long block) {

    static final java.util.List<String> STATES = java.util.List.of("AVAILABLE", "IN_USE", "SUSPENDED");

    /** A block outside the 700 range (a hand-edited URL) filters nothing rather than failing the page. */
    PoolFilter {
        if (block != null && (block < BlockCode.FIRST || block > BlockCode.LAST)) {
            block = null;
        }
    }

    String digits() {
        return q == null ? "" : BlockCode.digitsOf(q);
    }

    boolean valid() {
        String d = digits();
        return d.length() <= 15 && d.chars().allMatch(Character::isDigit);
    }
}
