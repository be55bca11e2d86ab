package cn.np700.portal.calls.events;

import cn.np700.portal.bindings.BindingMatches;
import cn.np700.portal.numbers.NumberDirectory;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Takes a push of call events: checks each, matches the good ones to the binding the call was routed to, and stores
 * them once (see {@link CallEventWriter}). An event names no parties, so its binding is, in this order: the one the
 * routing answer named ({@code bindingId}, on the same X and live around the event); the one the same call was
 * already matched to (its record, or an earlier event of it, in this push or before); or the only binding on X live at
 * the event's time give or take {@code portal.calls.clock-skew}. An event none of these settles is stored unmatched
 * and told to no one.
 */
@Service
public class CallEventIngestion {

    public static final int MAX_BATCH = 500;

    private final NumberDirectory numbers;
    private final BindingMatches matches;
    private final CallEventWriter writer;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration clockSkew;

    CallEventIngestion(NumberDirectory numbers, BindingMatches matches, CallEventWriter writer, JdbcClient jdbc,
            Clock clock, @Value("${portal.calls.clock-skew:PT1M}") Duration clockSkew) {
        this.numbers = numbers;
        this.matches = matches;
        this.writer = writer;
        this.jdbc = jdbc;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /** Each event of the push as stored, by its index (refused ones absent), and the refused ones' problems. */
    public record Pushed(Map<Integer, StoredEvent> stored, List<EventProblem> problems) {
    }

    public Pushed ingest(List<CallEventJson> push) {
        return ingest(null, push);
    }

    /** {@code carrier}: the name of the carrier client that pushed the events, kept with them (null: none). */
    public Pushed ingest(String carrier, List<CallEventJson> push) {
        Instant now = clock.instant();
        List<EventProblem> problems = new ArrayList<>();
        Map<CheckedEvent.Key, CheckedEvent> good = new LinkedHashMap<>();
        Map<Integer, CheckedEvent.Key> keyOf = new LinkedHashMap<>();
        for (int i = 0; i < push.size(); i++) {
            CallEventJson in = push.get(i);
            if (in == null) {
                problems.add(new EventProblem(i, null, null, "EMPTY_EVENT", "The event is null."));
                continue;
            }
            EventChecks.Outcome outcome = EventChecks.check(i, in, now);
            if (outcome.event() == null) {
                problems.addAll(outcome.problems());
                continue;
            }
            good.putIfAbsent(outcome.event().key(), outcome.event());
            keyOf.put(i, outcome.event().key());
        }
        NumberDirectory.Standing standing = numbers.standing(good.values().stream().map(CheckedEvent::x)
                .collect(Collectors.toSet()));
        List<CheckedEvent> known = new ArrayList<>();
        for (CheckedEvent event : good.values()) {
            if (standing.inKnownBlocks().contains(event.x())) {
                known.add(event);
            } else {
                problems.add(new EventProblem(event.index(), event.callId(), "x", "UNKNOWN_X",
                        "x is not a number of this platform."));
            }
        }
        keyOf.values().removeIf(key -> !standing.inKnownBlocks().contains(good.get(key).x()));
        problems.sort(Comparator.comparingInt(EventProblem::index));
        Map<CheckedEvent.Key, StoredEvent> stored = known.isEmpty() ? Map.of()
                : writer.store(link(known, standing.holders().keySet()), carrier, now);
        Map<Integer, StoredEvent> byIndex = new LinkedHashMap<>();
        keyOf.forEach((index, key) -> byIndex.put(index, stored.get(key)));
        return new Pushed(byIndex, problems);
    }

    private List<CallEventWriter.Row> link(List<CheckedEvent> events, Set<Long> heldXs) {
        Map<String, BindingMatches.Holder> earlier = earlierMatches(events.stream().map(CheckedEvent::callId).distinct().toList());
        Map<Integer, BindingMatches.Holder> found = matches.holders(events.stream()
                .map(e -> new BindingMatches.Moment(e.x(), e.at(), e.routedBinding())).toList(), clockSkew);
        Map<String, BindingMatches.Holder> surely = new HashMap<>();
        Map<String, BindingMatches.Holder> byTime = new HashMap<>();
        BindingMatches.Holder[] holders = new BindingMatches.Holder[events.size()];
        for (int i = 0; i < events.size(); i++) {
            CheckedEvent event = events.get(i);
            BindingMatches.Holder match = found.get(i);
            boolean routed = match != null && Long.valueOf(match.bindingId()).equals(event.routedBinding());
            holders[i] = routed ? match : earlier.getOrDefault(event.callId(), match);
            if (holders[i] != null) {
                (routed || earlier.containsKey(event.callId()) ? surely : byTime).putIfAbsent(event.callId(), holders[i]);
            }
        }
        List<CallEventWriter.Row> rows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            CheckedEvent event = events.get(i);
            // the events of one call in one push share the binding the surest of them found
            BindingMatches.Holder holder = surely.getOrDefault(event.callId(),
                    holders[i] != null ? holders[i] : byTime.get(event.callId()));
            if (holder != null) {
                rows.add(new CallEventWriter.Row(event, holder.tenantId(), holder.bindingId(), "MATCHED"));
            } else {
                rows.add(new CallEventWriter.Row(event, null, null, heldXs.contains(event.x()) ? "NO_BINDING" : "NO_TENANT"));
            }
        }
        return rows;
    }

    /** The binding each of these calls was already matched to, by its record or an earlier event. */
    private Map<String, BindingMatches.Holder> earlierMatches(List<String> callIds) {
        String marks = String.join(",", callIds.stream().map(c -> "?").toList());
        List<Object> params = new ArrayList<>(callIds);
        params.addAll(callIds);
        Map<String, BindingMatches.Holder> earlier = new HashMap<>();
        jdbc.sql("SELECT call_id, binding_id, tenant_id FROM call_record WHERE call_id IN (" + marks
                        + ") AND match_status = 'MATCHED' UNION ALL SELECT call_id, binding_id, tenant_id FROM call_event "
                        + "WHERE call_id IN (" + marks + ") AND match_status = 'MATCHED'")
                .params(params)
                .query(rs -> {
                    earlier.putIfAbsent(rs.getString(1), new BindingMatches.Holder(rs.getLong(2), TenantId.of(rs.getLong(3))));
                });
        return earlier;
    }
}
