package cn.np700.portal.calls.simulator;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.calls.ingestion.CallRecordIngestion;
import cn.np700.portal.calls.routing.RouteRejections;
import cn.np700.portal.runs.NewRun;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.runs.RunWork;
import cn.np700.portal.scope.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * An operator's simulation as a background run (kind {@value #KIND}, audited {@code TRAFFIC_SIMULATION_STARTED} and
 * {@code _FINISHED}): items are the plan's calls, {@value #CHUNK} a step. A step routes its calls and ingests their
 * records inside the step's transaction, so the records, the daily roll-ups and the run's counts commit together.
 * <p>
 * Ingestion joins that transaction: its TransactionTemplate (propagation REQUIRED) takes part in it rather than
 * starting one (its READ COMMITTED is not applied to a transaction already begun: the step runs at the database's
 * default level; ingestion's reads are plain reads and its locks come from its inserts and upserts, the same at either
 * level), and {@link cn.np700.portal.database.TransientFailureRetry} runs work only once inside a transaction already
 * going, so a deadlock dooms the whole step, which the engine's own retry runs again from its start.
 * <p>
 * A step killed before its commit is made again by whichever node resumes the run, and makes the SAME calls: its
 * random sequence is seeded from the run id and the chunk's index, its call ids are {@code SIM-<runId>-<i>}, and the
 * bindings come in a fixed order (see {@link TrafficSimulator#lines}). Its records therefore go in once (ingestion is
 * idempotent by call id, and the killed attempt's rows rolled back anyway). Routing's refusals are the exception:
 * {@link RouteRejections} keeps them in memory and writes them on its own every second, outside the step's
 * transaction, so a step made twice may leave a refusal twice in {@code route_rejection}, as a carrier retrying a
 * route would; the run's own counts are exact, being committed with the step.
 */
@Component
class TrafficSimulation implements RunWork<TrafficSimulation.Loaded, Void> {

    static final String KIND = "TRAFFIC_SIMULATION";
    static final int CHUNK = CallRecordIngestion.MAX_BATCH;

    private final TrafficSimulator simulator;

    TrafficSimulation(TrafficSimulator simulator) {
        this.simulator = simulator;
    }

    /** The plan and the lines its calls go over, picked once per claim. */
    record Loaded(TrafficPlan plan, List<TrafficSimulator.Line> lines) {
    }

    /** A tenant's simulation of {@code calls} over the last {@code spanHours} before {@code now}; one per tenant. */
    static NewRun newRun(TenantId tenant, String tenantName, int calls, int spanHours, Instant now, AuditActor by) {
        TrafficPlan plan = new TrafficPlan(calls, now.minus(Duration.ofHours(spanHours)), now, "");
        return new NewRun(KIND, Optional.of(tenant), tenantName + " · " + spanHours + " h", by, calls, plan.input(),
                KIND + ":" + tenant, Map.of("calls", calls, "spanHours", spanHours));
    }

    static String callIdPrefix(long runId) {
        return "SIM-" + runId + "-";
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public int chunk() {
        return CHUNK;
    }

    /**
     * The stored plan, and the tenant's usable bindings as they are now. Were bindings made, ended or expired since
     * the run's last claim, the list differs and a resumed step makes other calls than the killed attempt did: no
     * matter for the counts or the records (that attempt committed nothing), only its refusals stay in
     * {@code route_rejection} beside the new ones. With no usable binding left the run fails.
     */
    @Override
    public Loaded load(Run run, byte[] input) {
        TrafficPlan plan = TrafficPlan.ofInput(input, callIdPrefix(run.id()));
        List<TrafficSimulator.Line> lines = simulator.lines(run.tenant().orElseThrow(), plan);
        if (lines.isEmpty()) {
            throw new IllegalStateException("the tenant has no usable binding left");
        }
        return new Loaded(plan, lines);
    }

    @Override
    public RunCounts step(Run run, Loaded loaded, int from, int to, Void prepared) {
        return simulator.calls(loaded.lines(), loaded.plan(), new Random(seed(run.id(), from / CHUNK)), from, to);
    }

    /** One random sequence per (run, chunk): a chunk's calls do not depend on the chunks before it. */
    static long seed(long runId, int chunk) {
        return (runId << 32) | chunk;
    }
}
