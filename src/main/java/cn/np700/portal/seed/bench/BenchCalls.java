package cn.np700.portal.calls.simulator;

import cn.np700.portal.calls.ingestion.CallRecordIngestion;
import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.calls.ingestion.IngestResult;
import cn.np700.portal.calls.records.CallType;
import cn.np700.portal.tenancy.BenchPlan;
import cn.np700.portal.tenancy.BenchSeedLog;
import cn.np700.portal.tenancy.BenchWorkers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The benchmark's month of call records, pushed through the real ingestion (checks, encryption, linking to their
 * binding, daily roll-ups) in batches of 500, as the carrier would: record j is a call on binding j / tenants of
 * tenant j % tenants, A and B taking turns as the caller, start times evenly spread over the last 30 days.
 */
@Component
@Order(420)
@ConditionalOnProperty(name = "portal.bench.seed", havingValue = "true")
class BenchCalls implements ApplicationRunner {

    private static final int BATCH = 500;
    private static final Duration SPAN = Duration.ofDays(30).minusHours(1);

    private final BenchPlan plan;
    private final BenchSeedLog seedLog;
    private final BenchWorkers workers;
    private final CallRecordIngestion ingestion;
    private final JdbcClient jdbc;
    private final Clock clock;

    BenchCalls(BenchPlan plan, BenchSeedLog seedLog, CallRecordIngestion ingestion, JdbcClient jdbc, Clock clock,
            BenchWorkers workers) {
        this.plan = plan;
        this.seedLog = seedLog;
        this.ingestion = ingestion;
        this.jdbc = jdbc;
        this.clock = clock;
        this.workers = workers;
    }

    @Override
    public void run(ApplicationArguments args) {
        long total = plan.callRecords();
        if (total == 0 || jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id = ?").param("seed-" + (total - 1))
                .query(Long.class).single() > 0) {
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
                List<CallRecordJson> records = new ArrayList<>(BATCH);
                for (long j = batch * BATCH; j < Math.min(total, (batch + 1) * BATCH); j++) {
                    records.add(record(j, first.plusNanos(j * stepNanos), random));
                }
                IngestResult result = ingestion.ingest(records);
                unmatched.addAndGet(result.unmatched());
                if (result.rejected() > 0) {
                    throw new IllegalStateException("bench call records refused: " + result.errors().get(0));
                }
                long now = done.addAndGet(records.size());
                if (now / 200_000 != (now - records.size()) / 200_000) {
                    seedLog.progress("call-records", now, total, started);
                }
            }
        });
        seedLog.done("call-records", done.get(), started);
        if (unmatched.get() > 0) {
            seedLog.progress("call-records-unmatched", unmatched.get(), total, started);
        }
    }

    private CallRecordJson record(long j, Instant start, Random random) {
        int t = (int) (j % plan.tenants()) + 1;
        int i = (int) ((j / plan.tenants()) % plan.bindingsPerTenant());
        boolean fromA = (j / plan.tenants() / plan.bindingsPerTenant()) % 2 == 0;
        String a = plan.a(t, i);
        String b = plan.b(t, i);
        CallType type = random.nextDouble() < TrafficCallShapes.SMS_SHARE ? CallType.SMS : CallType.VOICE;
        return TrafficCallShapes.pick(type, random).record("seed-" + j, plan.x(t, i), fromA ? a : b, fromA ? b : a,
                start, true, null);
    }
}
