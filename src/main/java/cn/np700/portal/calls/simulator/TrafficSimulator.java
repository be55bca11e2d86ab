package cn.np700.portal.calls.simulator;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.bindings.LiveBindingParties;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.calls.events.CallEventIngestion;
import cn.np700.portal.calls.events.CallEventJson;
import cn.np700.portal.calls.ingestion.CallRecordIngestion;
import cn.np700.portal.calls.ingestion.CallRecordJson;
import cn.np700.portal.calls.records.CallType;
import cn.np700.portal.calls.routing.CallRouting;
import cn.np700.portal.calls.routing.RouteDecision;
import cn.np700.portal.runs.RunCounts;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.springframework.stereotype.Service;

/**
 * Plays the carrier over a tenant's live bindings, through the real paths: each call is routed by {@link CallRouting}
 * (so refusals are counted and kept like real ones), the records of the connected calls are pushed to
 * {@link CallRecordIngestion} in batches, as the carrier would, and their status events (voice calls') to
 * {@link CallEventIngestion}. Calls start within each binding's life, so that their records match it, in the day's
 * busy hours more than at night. Given the same seed, bindings and clock, it makes the same calls.
 */
@Service
class TrafficSimulator {

    /** Enough bindings for varied traffic, few enough to decrypt quickly. */
    static final int BINDINGS = 2_000;

    private final LiveBindingParties parties;
    private final CallRouting routing;
    private final CallRecordIngestion ingestion;
    private final CallEventIngestion callEvents;
    private final TrafficHours hours;
    private final Clock clock;

    TrafficSimulator(LiveBindingParties parties, CallRouting routing, CallRecordIngestion ingestion,
            CallEventIngestion callEvents, PlatformCalendar calendar, Clock clock) {
        this.parties = parties;
        this.routing = routing;
        this.ingestion = ingestion;
        this.callEvents = callEvents;
        this.hours = new TrafficHours(calendar.zone());
        this.clock = clock;
    }

    /**
     * A binding with the part of the plan's window in which it was live long enough to hold a whole call: one line
     * the simulated carrier may dial.
     */
    record Line(LiveBindingParties.Parties binding, Instant from, Instant to) {
    }

    /** How many of the tenant's live bindings could carry calls of this plan. */
    int usableBindings(TenantId tenant, TrafficPlan plan) {
        return lines(tenant, plan).size();
    }

    /** Every call of the plan, made with one random sequence and stored in batches as it goes (the demo's traffic). */
    RunCounts run(TenantId tenant, TrafficPlan plan, Random random) {
        List<Line> lines = lines(tenant, plan);
        return lines.isEmpty() ? RunCounts.NONE : calls(lines, plan, random, 0, plan.calls());
    }

    /**
     * Makes the plan's calls {@code from} to {@code to - 1} over {@code lines}, call ids {@code callIdPrefix + i}, and
     * pushes the connected calls' records to ingestion, {@link CallRecordIngestion#MAX_BATCH} at a time: each batch
     * its own transaction, or the caller's when there is one. Given the same lines, plan and random sequence, it makes
     * the same calls; whether routing connects them is decided now.
     */
    RunCounts calls(List<Line> lines, TrafficPlan plan, Random random, int from, int to) {
        TrafficTally tally = new TrafficTally();
        List<CallRecordJson> records = new ArrayList<>();
        List<CallEventJson> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("traffic simulation interrupted");
            }
            // newer bindings carry more calls, as live orders do
            Line line = lines.get((int) (lines.size() * Math.pow(random.nextDouble(), 1.6)));
            LiveBindingParties.Parties binding = line.binding();
            CallType type = random.nextDouble() < TrafficCallShapes.SMS_SHARE ? CallType.SMS : CallType.VOICE;
            TrafficCallShape shape = TrafficCallShapes.pick(type, random);
            Instant start = hours.pick(line.from(), line.to().minus(shape.release()), random);
            String caller = TrafficCallers.pick(binding, random);
            String callId = plan.callIdPrefix() + i;
            RouteDecision decision = routing.route(callId, caller, binding.x(), type);
            tally.routed(decision);
            if (decision.connected()) {
                records.add(shape.record(callId, binding.x(), caller, decision.callee(), start,
                        Boolean.TRUE.equals(decision.record()), decision.bindingId()));
                events.addAll(shape.events(callId, binding.x(), start, decision.bindingId()));
            }
            if (records.size() == CallRecordIngestion.MAX_BATCH || i + 1 == to) {
                if (!records.isEmpty()) {
                    tally.ingested(ingestion.ingest(records));
                    records = new ArrayList<>();
                }
            }
            // a call has at most three events: push before the next call's could overflow a batch
            if (events.size() > CallEventIngestion.MAX_BATCH - 3 || i + 1 == to && !events.isEmpty()) {
                callEvents.ingest(events);
                events = new ArrayList<>();
            }
        }
        return tally.counts();
    }

    /**
     * The tenant's bindings usable for the plan, newest first (by id, so the same bindings always come in the same
     * order): the {@value #BINDINGS} most recent live ones, each with the part of the plan's window it covered.
     */
    List<Line> lines(TenantId tenant, TrafficPlan plan) {
        Instant now = clock.instant();
        Instant until = plan.to().isAfter(now) ? now : plan.to();
        List<Line> lines = new ArrayList<>();
        for (LiveBindingParties.Parties binding : parties.recent(tenant, now, BINDINGS)) {
            Instant from = binding.createdAt().isAfter(plan.from()) ? binding.createdAt() : plan.from();
            Instant to = binding.expiresAt().isBefore(until) ? binding.expiresAt() : until;
            if (Duration.between(from, to).compareTo(TrafficCallShapes.LONGEST) >= 0) {
                lines.add(new Line(binding, from, to));
            }
        }
        lines.sort(Comparator.comparingLong((Line l) -> l.binding().bindingId()).reversed());
        return lines;
    }
}
