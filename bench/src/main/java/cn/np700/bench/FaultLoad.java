package cn.np700.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady route + bind + ingest load for the fault run: each worker thread sends at a fixed pace (rate ÷ threads a
 * second; after a slow request it goes on at once, without catching up) and records every request as a
 * {@link FaultEvent}. One route in five comes from a stranger (no binding with the caller), whose right answer is a
 * REJECT that the portal must store in route_rejection. Requests are never retried; the timeout (60 s) is above
 * any the portal should take, so the longest request is the portal's.
 */
public final class FaultLoad {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final int ROUTE_THREADS = 8;
    static final int BIND_THREADS = 4;
    static final int INGEST_THREADS = 2;
    public static final int BATCH = 100;

    private final KeepAliveHttp http;
    private final DataContract data;
    private final String run;
    /** The ids' prefix: the warm-up's ("fault-<run>w-") until {@link #measure()}, then the run's. */
    private volatile String ids;
    private volatile double measuredFromMs = Double.MAX_VALUE;
    private final long t0;
    private final List<FaultEvent> events = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong routes = new AtomicLong();
    private final AtomicLong binds = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicInteger bindThreads = new AtomicInteger();
    private volatile boolean running = true;

    public FaultLoad(KeepAliveHttp http, DataContract data, String run, long t0) {
        this.http = http;
        this.data = data;
        this.run = run;
        this.ids = "fault-" + run + "w-";
        this.t0 = t0;
    }

    /** The prefix of every call id and order ref this run sends. */
    public static String prefix(String run) {
        return "fault-" + run + "-";
    }

    public void start(int routeRate, int bindRate, int ingestRate) {
        spawn("route", ROUTE_THREADS, routeRate, this::route);
        int tenantOffset = ThreadLocalRandom.current().nextInt(DataContract.TENANTS);
        spawn("bind", BIND_THREADS, bindRate, () -> {
            int tenant = (tenantOffset + bindThreads.getAndIncrement()) % DataContract.TENANTS + 1;
            return () -> bind(tenant);
        });
        spawn("ingest", INGEST_THREADS, ingestRate, this::ingest);
    }

    private interface Request {
        FaultEvent send() throws Exception;
    }

    private void spawn(String kind, int count, int rate, Request request) {
        spawn(kind, count, rate, () -> request);
    }

    private void spawn(String kind, int count, int rate, java.util.function.Supplier<Request> perThread) {
        if (rate <= 0) {
            return;
        }
        int n = Math.min(count, rate);
        long intervalNanos = 1_000_000_000L * n / rate;
        for (int i = 0; i < n; i++) {
            long offset = intervalNanos * i / n;
            Thread thread = new Thread(() -> loop(kind, perThread.get(), intervalNanos, offset), "fault-" + kind + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void loop(String kind, Request request, long intervalNanos, long offset) {
        long next = System.nanoTime() + offset;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!running) {
                return;
            }
            double start = FaultRun.millisSince(t0);
            FaultEvent event;
            try {
                event = request.send();
            } catch (Exception e) {
                event = new FaultEvent(kind, start, 0, 0, "", Workload.failureName(e), false, false, "", 0);
            }
            add(new FaultEvent(kind, start, FaultRun.millisSince(t0), event.status(), event.code(), event.failure(),
                    event.ack(), event.retryAfter(), event.ref(), event.id()));
            next = Math.max(next + intervalNanos, System.nanoTime());
        }
    }

    synchronized void add(FaultEvent event) {
        events.add(event);
    }

    /**
     * Ends the warm-up (the portal's first requests are slow: a cold JIT and pools): from now on requests count, with
     * ids under {@link #prefix(String)}; the warm-up's writes, under another prefix, are not checked.
     */
    public synchronized void measure(double fromMs) {
        ids = prefix(run);
        measuredFromMs = fromMs;
    }

    /** The requests started since {@link #measure(double)}. */
    public synchronized List<FaultEvent> events() {
        return events.stream().filter(e -> e.startMs() >= measuredFromMs).toList();
    }

    /** Stops sending and waits for the requests under way (each ends within its timeout). */
    public void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TIMEOUT.toMillis() + 10_000);
        }
        http.close();
    }

    private FaultEvent route() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int tenant = 1 + random.nextInt(DataContract.TENANTS);
        long i = random.nextLong(data.bindingsPerTenant());
        boolean stranger = random.nextInt(5) == 0;
        String caller = stranger ? "139" + String.format("%08d", random.nextInt(100_000_000)) : data.a(tenant, i);
        String callId = ids + "r" + routes.getAndIncrement();
        KeepAliveHttp.Response response = http.postJson("/api/carrier/v1/route", DataContract.CARRIER_AUTHORIZATION,
                RouteWorkload.body(callId, caller, data.x(tenant, i)), TIMEOUT);
        return judgeRoute(response, stranger, data.b(tenant, i), callId);
    }

    /** CONNECT to B for a party of the binding, REJECT NO_BINDING (ref: the call id) for a stranger. */
    static FaultEvent judgeRoute(KeepAliveHttp.Response response, boolean stranger, String expectedCallee, String callId) {
        if (response.status() != 200) {
            return failed("route", response);
        }
        JsonNode answer = Json.read(response.body());
        String action = answer.path("action").asText("");
        String reason = answer.path("reason").asText("");
        if (stranger) {
            if ("REJECT".equals(action) && "NO_BINDING".equals(reason)) {
                return ok("route", callId, 0);
            }
        } else if ("CONNECT".equals(action)) {
            String callee = answer.path("callee").asText("").replaceAll("\\D", "");
            if (callee.endsWith(expectedCallee)) {
                return ok("route", "", 0);
            }
            return wrong("route", response.status(), "CONNECT to another callee");
        }
        return wrong("route", response.status(), (action.isEmpty() ? "no action" : action) + " " + reason);
    }

    private FaultEvent bind(int tenant) throws Exception {
        long party = ThreadLocalRandom.current().nextLong(data.partiesPerTenant());
        String orderRef = ids + "b" + binds.getAndIncrement();
        KeepAliveHttp.Response response = http.postJson("/api/v1/bindings", DataContract.apiAuthorization(tenant),
                BindWorkload.body(DataContract.partyA(tenant, party), DataContract.partyB(tenant, party), orderRef),
                TIMEOUT);
        return judgeBind(response, orderRef);
    }

    /** 201 with the binding's id (ref: the order ref). */
    static FaultEvent judgeBind(KeepAliveHttp.Response response, String orderRef) {
        if (response.status() != 201) {
            return failed("bind", response);
        }
        long id = Json.read(response.body()).path("id").asLong(0);
        if (id <= 0) {
            return wrong("bind", response.status(), "no id");
        }
        return ok("bind", orderRef, id);
    }

    private FaultEvent ingest() throws Exception {
        long batch = batches.getAndIncrement();
        String callIdPrefix = ids + "c" + batch + "-";
        KeepAliveHttp.Response response = http.postJson("/api/carrier/v1/call-records",
                DataContract.CARRIER_AUTHORIZATION, batch(callIdPrefix, Instant.now()), TIMEOUT);
        return judgeIngest(response, callIdPrefix);
    }

    /** {@link #BATCH} answered calls on random seeded bindings, call ids {@code <prefix><j>}. */
    String batch(String callIdPrefix, Instant now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder json = new StringBuilder(BATCH * 400).append("{\"records\":[");
        for (int j = 0; j < BATCH; j++) {
            int tenant = 1 + random.nextInt(DataContract.TENANTS);
            long i = random.nextLong(data.bindingsPerTenant());
            if (j > 0) {
                json.append(',');
            }
            IngestWorkload.record(json, callIdPrefix + j, data.x(tenant, i), data.a(tenant, i), data.b(tenant, i),
                    now.minusSeconds(180 + random.nextInt(120)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                    10 + random.nextInt(110));
        }
        return json.append("]}").toString();
    }

    /** 200 with every record accepted (ref: the batch's call-id prefix). */
    static FaultEvent judgeIngest(KeepAliveHttp.Response response, String callIdPrefix) {
        if (response.status() != 200) {
            return failed("ingest", response);
        }
        JsonNode result = Json.read(response.body());
        if (result.path("accepted").asInt(-1) == BATCH && result.path("unmatched").asInt(0) == 0
                && result.path("duplicates").asInt(0) == 0 && result.path("rejected").asInt(0) == 0) {
            return ok("ingest", callIdPrefix, 0);
        }
        return wrong("ingest", response.status(), "batch not fully accepted: " + response.body().replaceAll("\\s+", " ")
                .substring(0, Math.min(80, response.body().length())));
    }

    private static FaultEvent ok(String kind, String ref, long id) {
        return new FaultEvent(kind, 0, 0, 200, "", "", true, false, ref, id);
    }

    private static FaultEvent wrong(String kind, int status, String what) {
        return new FaultEvent(kind, 0, 0, status, "", what, false, false, "", 0);
    }

    private static FaultEvent failed(String kind, KeepAliveHttp.Response response) {
        String code = problemCode(response.body());
        return new FaultEvent(kind, 0, 0, response.status(), code, "", false, response.header("Retry-After") != null,
                "", 0);
    }

    /** The problem's code; "Spring default body" for Boot's {timestamp, status, error, path}; empty otherwise. */
    static String problemCode(String body) {
        JsonNode json = Json.read(body == null ? "" : body);
        String code = json.path("code").asText("");
        if (code.isEmpty() && json.has("timestamp") && json.has("error")) {
            return SPRING_DEFAULT_BODY;
        }
        return code;
    }

    static final String SPRING_DEFAULT_BODY = "Spring default body";
}
