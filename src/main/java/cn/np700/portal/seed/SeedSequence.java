package cn.np700.portal.seed;

import cn.np700.portal.seed.bench.BenchApiKeys;
import cn.np700.portal.seed.bench.BenchBindings;
import cn.np700.portal.seed.bench.BenchCalls;
import cn.np700.portal.seed.bench.BenchNumbers;
import cn.np700.portal.seed.bench.BenchParties;
import cn.np700.portal.seed.bench.BenchPlan;
import cn.np700.portal.seed.bench.BenchTenants;
import cn.np700.portal.seed.demo.BindingsDemoData;
import cn.np700.portal.seed.demo.CarrierDemoData;
import cn.np700.portal.seed.demo.DemoData;
import cn.np700.portal.seed.demo.DemoDataSetting;
import cn.np700.portal.seed.demo.NumbersDemoData;
import cn.np700.portal.seed.demo.TrafficDemoData;
import cn.np700.portal.seed.demo.TwoFactorDemoData;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the seed data at start, one step after the other in the order of {@link #steps}: each builds on what the
 * steps before it made (tenants and users, then numbers, parties, bindings, calls). Demo steps run when demo data is
 * on ({@code portal.demo-data}), bench steps when {@code portal.bench.seed} is true; the bench steps need the demo
 * operators, who approve the bench enterprises' requests. Each step loads once and skips what is there already.
 */
@Component
class SeedSequence implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedSequence.class);

    // not DEMO/BENCH: a single-word constant would read as a raw enum in the demo call ids (DEMO-H-…) on pages
    enum Kind { DEMO_DATA, BENCH_DATA }

    record Step(Kind kind, String name, Runnable action) {
    }

    private final boolean demo;
    private final boolean bench;
    private final List<Step> steps;

    @Autowired
    SeedSequence(DemoDataSetting demoData, BenchPlan plan, DemoData tenantsAndLogins, BenchTenants benchTenants,
            CarrierDemoData carrier, TwoFactorDemoData twoFactor, BenchApiKeys benchApiKeys, NumbersDemoData numbers,
            BenchNumbers benchNumbers, BenchParties benchParties, BindingsDemoData bindings,
            BenchBindings benchBindings, TrafficDemoData traffic, BenchCalls benchCalls) {
        this(demoData.enabled(), plan.seed(), List.of(
                new Step(Kind.DEMO_DATA, "demo tenants and logins", tenantsAndLogins::run),
                new Step(Kind.BENCH_DATA, "bench tenants", benchTenants::run),
                new Step(Kind.DEMO_DATA, "demo carrier client", carrier::run),
                new Step(Kind.DEMO_DATA, "demo operators' two-factor key", twoFactor::run),
                new Step(Kind.BENCH_DATA, "bench API keys", benchApiKeys::run),
                new Step(Kind.DEMO_DATA, "demo blocks and requests", numbers::run),
                new Step(Kind.BENCH_DATA, "bench blocks", benchNumbers::run),
                new Step(Kind.BENCH_DATA, "bench parties verified", benchParties::run),
                new Step(Kind.DEMO_DATA, "demo bindings", bindings::run),
                new Step(Kind.BENCH_DATA, "bench bindings", benchBindings::run),
                new Step(Kind.DEMO_DATA, "demo call traffic", traffic::run),
                new Step(Kind.BENCH_DATA, "bench call records", benchCalls::run)));
    }

    SeedSequence(boolean demo, boolean bench, List<Step> steps) {
        this.demo = demo;
        this.bench = bench;
        this.steps = List.copyOf(steps);
    }

    List<Step> steps() {
        return steps;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> ran = new ArrayList<>();
        long started = System.nanoTime();
        for (Step step : steps) {
            if (step.kind() == Kind.DEMO_DATA ? demo : bench) {
                step.action().run();
                ran.add(step.name());
            }
        }
        if (!ran.isEmpty()) {
            log.info("Seed data, each step loading only what is missing: {} in {} ms", String.join(", ", ran), (System.nanoTime() - started) / 1_000_000);
        }
    }
}
