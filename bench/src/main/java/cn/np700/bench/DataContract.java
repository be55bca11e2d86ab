package cn.np700.bench;

/**
 * The data set the portal's seeder creates ({@code --portal.bench.*}), as numbers: everything here is deterministic,
 * so the generator can address any seeded binding without asking the portal.
 */
public final class DataContract {

    public static final int TENANTS = 20;
    public static final String PASSWORD = "demo700-portal";
    public static final String CARRIER_AUTHORIZATION =
            "Bearer np700c_demo-carrier-credential-published-in-README-0000000";
    public static final String OPERATOR = "operator";

    private final long blocks;
    private final long bindings;
    private final long callRecords;

    public DataContract(long blocks, long bindings, long callRecords) {
        if (bindings < TENANTS) {
            throw new IllegalArgumentException("at least " + TENANTS + " bindings are needed, got " + bindings);
        }
        this.blocks = blocks;
        this.bindings = bindings;
        this.callRecords = callRecords;
    }

    /** The data set at a scale: 2,000 blocks (at least one per tenant), 1,000,000 bindings, 10,000,000 records. */
    public static DataContract atScale(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale must be positive");
        }
        return new DataContract(Math.max(TENANTS, Math.round(2000 * scale)), Math.round(1_000_000 * scale),
                Math.round(10_000_000 * scale));
    }

    public long blocks() {
        return blocks;
    }

    public long bindings() {
        return bindings;
    }

    public long callRecords() {
        return callRecords;
    }

    public long blocksPerTenant() {
        return blocks / TENANTS;
    }

    /** P: bindings per tenant. */
    public long bindingsPerTenant() {
        return bindings / TENANTS;
    }

    /** Q: parties per tenant (each party pair is bound on about five X). */
    public long partiesPerTenant() {
        return Math.max(1, bindingsPerTenant() / 5);
    }

    public static String tt(int tenant) {
        checkTenant(tenant);
        return zeroPadded(tenant, 2);
    }

    /** The X of tenant t's binding i, as a number (15 digits). */
    public long xValue(int tenant, long i) {
        checkTenant(tenant);
        return (70020000000L + (tenant - 1) * blocksPerTenant()) * 10000 + i;
    }

    public String x(int tenant, long i) {
        return Long.toString(xValue(tenant, i));
    }

    /** The first X of tenant t and one past its last seeded binding's X. */
    public long firstX(int tenant) {
        return xValue(tenant, 0);
    }

    public long endX(int tenant) {
        return xValue(tenant, bindingsPerTenant());
    }

    public String a(int tenant, long i) {
        return partyA(tenant, i % partiesPerTenant());
    }

    public String b(int tenant, long i) {
        return partyB(tenant, i % partiesPerTenant());
    }

    public static String partyA(int tenant, long party) {
        return "135" + tt(tenant) + zeroPadded(party, 6);
    }

    public static String partyB(int tenant, long party) {
        return "136" + tt(tenant) + zeroPadded(party, 6);
    }

    public static String adminUsername(int tenant) {
        return "bench-admin-" + tt(tenant);
    }

    public static String apiAuthorization(int tenant) {
        return "Bearer np700_bench-tenant-" + tt(tenant) + "-local-benchmark-key-" + "0".repeat(18);
    }

    /** As {@code String.format("%0<width>d", n)} for n ≥ 0, without a formatter per call (route builds three a call). */
    static String zeroPadded(long n, int width) {
        String digits = Long.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static void checkTenant(int tenant) {
        if (tenant < 1 || tenant > TENANTS) {
            throw new IllegalArgumentException("tenant " + tenant + " is not 1.." + TENANTS);
        }
    }
}
