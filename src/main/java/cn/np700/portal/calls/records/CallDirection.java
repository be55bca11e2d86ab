package cn.np700.portal.calls.records;

/** Which party of the binding called: A_TO_B, B_TO_A, or UNKNOWN for a record no binding matched. */
public enum CallDirection {
    A_TO_B, B_TO_A, UNKNOWN;

    /**
     * The lists filter on the two directions of matched records only: UNKNOWN marks exactly the unmatched records,
     * which have their own queue, and as a filter it would read through every matched record to find none.
     */
    public static final CallDirection[] FILTERABLE = {A_TO_B, B_TO_A};
}
