package cn.np700.portal.bindings;

/** Which calls a binding connects. In AXN, A is the "A" side and every other caller the "B" side. */
public enum Direction {
    BOTH, A_TO_B_ONLY, B_TO_A_ONLY;

    public boolean allowsFromA() {
        return this != B_TO_A_ONLY;
    }

    public boolean allowsToA() {
        return this != A_TO_B_ONLY;
    }
}
