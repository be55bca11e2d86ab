package cn.np700.portal.seed.bench;

import cn.np700.portal.calls.SimulatedTraffic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The benchmark's month of call records, pushed through the real ingestion (checks, encryption, linking to their
 * binding, daily roll-ups) in batches of 500, as the carrier would: record j is a call on binding j / tenants of
 * tenant j % tenants, A and B taking turns as the caller, start times evenly spread over the last 30 days.
 */
@Component
public class BenchCalls {

    private static final int BATCH = 500;
    private static final Duration SPAN = Duration.ofDays(30).minusHours(1);

    private final BenchPlan plan;
    private final BenchSeedLog seedLog;
    private final BenchWorkers workers;
    private final SimulatedTraffic traffic;
    private final Clock clock;

    BenchCalls(BenchPlan plan, BenchSeedLog seedLog, BenchWorkers workers, SimulatedTraffic traffic, Clock clock) {
        this.plan = plan;
        this.seedLog = seedLog;
        this.workers = workers;
        this.traffic = traffic;
        this.clock = clock;
    }

    public void run() {
        long total = plan.callRecords();
        if (total == 0 || traffic.recordExists("seed-" + (total - 1))) {
            return;
        }
        Instant first = clock.instant().minus(SPAN).minus(Duration.ofHours(1));
        long stepNanos = SPAN.toNanos() / total;
        long batches = (total + BATCH - 1) / BATCH;
        int slices = 64;
        long started = System.nanoTime();
        AtomicLong done = new AtomicLong();
        AtomicLong unmatched = new AtomicLong();
        workers.run(4, slices, slice -> {
            Random random = new Random(slice);
            for (long batch = slice; batch < batches; batch += slices) {
                List<SimulatedTraffic.Call> calls = new ArrayList<>(BATCH);
                for (long j = batch * BATCH; j < Math.min(total, (batch + 1) * BATCH); j++) {
                    calls.add(call(j, first.plusNanos(j * stepNanos)));
                }
                SimulatedTraffic.Ingested result = traffic.ingest(calls, random);
                unmatched.addAndGet(result.unmatched());
                if (result.rejected() > 0) {
                    throw new IllegalStateException("bench call records refused: " + result.firstProblem());
                }
                long now = done.addAndGet(calls.size());
                if (now / 200_000 != (now - calls.size()) / 200_000) {
                    seedLog.progress("call-records", now, total, started);
                }
            }
        });
        seedLog.done("call-records", done.get(), started);
        if (unmatched.get() > 0) {
            seedLog.progress("call-records-unmatched", unmatched.get(), total, started);
        }
    }

    private SimulatedTraffic.Call call(long j, Instant start) {
        int t = (int) (j % plan.tenants()) + 1;
        int i = (int) ((j / plan.tenants()) % plan.bindingsPerTenant());
        boolean fromA = (j / plan.tenants() / plan.bindingsPerTenant()) % 2 == 0;
        String a = plan.a(t, i);
        String b = plan.b(t, i);
        return new SimulatedTraffic.Call("seed-" + j, plan.x(t, i), fromA ? a : b, fromA ? b : a, start);
    }
}
