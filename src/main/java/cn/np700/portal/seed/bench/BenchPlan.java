package cn.np700.portal.seed.bench;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The benchmark's data set (bench/README.md), loaded by the seed module's bench steps when {@code portal.bench.seed} is
 * true. Everything is a formula of the tenant t (1..tenants) and the binding index i, so that the load generator,
 * a separate process, knows every X and party without reading them back.
 */
@ConfigurationProperties("portal.bench")
public record BenchPlan(@DefaultValue("false") boolean seed, @DefaultValue("20") int tenants,
        @DefaultValue("2000") int blocks, @DefaultValue("1000000") int bindings,
        @DefaultValue("10000000") long callRecords) {

    public static final long FIRST_BLOCK = 70020000000L;
    public static final String LOADER = "bench-loader";

    public int blocksPerTenant() {
        return blocks / tenants;
    }

    public int bindingsPerTenant() {
        return bindings / tenants;
    }

    /** Each A and B takes part in about five bindings (on five X), one peer each: no rule sees marketing. */
    public int partiesPerTenant() {
        return Math.max(1, bindingsPerTenant() / 5);
    }

    public long firstBlock(int t) {
        return FIRST_BLOCK + (long) (t - 1) * blocksPerTenant();
    }

    public long x(int t, int i) {
        return firstBlock(t) * 10_000 + i;
    }

    public String a(int t, int i) {
        return "135" + String.format("%02d%06d", t, i % partiesPerTenant());
    }

    public String b(int t, int i) {
        return "136" + String.format("%02d%06d", t, i % partiesPerTenant());
    }

    public String admin(int t) {
        return String.format("bench-admin-%02d", t);
    }

    public String enterprise(int t) {
        return String.format("压测企业%02d有限公司", t);
    }
}
