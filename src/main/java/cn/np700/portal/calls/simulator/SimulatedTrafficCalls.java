package cn.np700.portal.calls.simulator;

import cn.np700.portal.calls.SimulatedTraffic;
import cn.np700.portal.calls.ingestion.CallRecordIngestion;
import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.calls.ingestion.IngestResult;
import cn.np700.portal.calls.records.CallType;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The module's {@link SimulatedTraffic}, on the traffic simulator and the shapes of its calls. */
@Component
class SimulatedTrafficCalls implements SimulatedTraffic {

    private final TrafficSimulator simulator;
    private final CallRecordIngestion ingestion;
    private final JdbcClient jdbc;

    SimulatedTrafficCalls(TrafficSimulator simulator, CallRecordIngestion ingestion, JdbcClient jdbc) {
        this.simulator = simulator;
        this.ingestion = ingestion;
        this.jdbc = jdbc;
    }

    @Override
    public Outcome route(TenantId tenant, int calls, Instant from, Instant to, String callIdPrefix, Random random) {
        RunCounts counts = simulator.run(tenant, new TrafficPlan(calls, from, to, callIdPrefix), random);
        return new Outcome(counts.of(TrafficTally.ROUTED), counts.of(TrafficTally.ACCEPTED) + counts.of(TrafficTally.UNMATCHED));
    }

    @Override
    public Ingested ingest(List<Call> calls, Random random) {
        List<CallRecordJson> records = new ArrayList<>(calls.size());
        for (Call call : calls) {
            CallType type = random.nextDouble() < TrafficCallShapes.SMS_SHARE ? CallType.SMS : CallType.VOICE;
            records.add(TrafficCallShapes.pick(type, random).record(call.callId(), call.x(), call.caller(),
                    call.callee(), call.start(), true, null));
        }
        IngestResult result = ingestion.ingest(records);
        return new Ingested(result.unmatched(), result.rejected(),
                result.errors().isEmpty() ? null : String.valueOf(result.errors().get(0)));
    }

    @Override
    public boolean anyRecordOf(TenantId tenant) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM call_record WHERE tenant_id = ?)").param(tenant)
                .query(Boolean.class).single();
    }

    @Override
    public boolean recordExists(String callId) {
        return jdbc.sql("SELECT COUNT(*) FROM call_record WHERE call_id = ?").param(callId).query(Long.class).single() > 0;
    }
}
