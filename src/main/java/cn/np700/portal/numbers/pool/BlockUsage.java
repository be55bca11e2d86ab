package cn.np700.portal.numbers.pool;

import cn.np700.portal.numbers.BlockCode;

/** How much of a block is used: live bindings on its numbers, numbers in at least one, numbers ever bound, suspended. */
record BlockUsage(long code, long liveBindings, int numbersInUse, int everBound, int suspended) {

    /** Share of the block's numbers in use now, in percent. */
    public double inUsePercent() {
        return numbersInUse * 100.0 / BlockCode.NUMBERS_PER_BLOCK;
    }
}
