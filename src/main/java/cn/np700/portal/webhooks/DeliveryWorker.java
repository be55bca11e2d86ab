package cn.np700.portal.webhooks;

import cn.np700.portal.database.DatabaseTrouble;
import cn.np700.portal.database.TimeBudget;
import cn.np700.portal.executors.ExecutorNames;
import cn.np700.portal.executors.WakeableLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Sends due outbox messages, on every node. Its loop runs a pass on the {@code webhookWorker} thread as soon as an
 * outbox write commits on this node ({@link DeliveryLoop}) and every {@code portal.webhooks.delivery.poll} (1 s) otherwise,
 * for what other nodes wrote and what is due again; passes never overlap, and a wake-up during a pass makes another
 * follow it. A pass is a pipeline: it claims a batch for this node alone (the
 * claim is a conditional UPDATE, so nodes share the work without ShedLock), hands its messages to the
 * {@code webhookDelivery} pool, claims the next batch while fewer than a batch are still in hand, and records the
 * outcomes that have come back since its last write in one transaction, while the pool keeps sending. At most
 * {@code per-endpoint} sends to one endpoint run at once; the endpoint's other messages wait their turn in the worker,
 * so a slow receiver holds that many threads, not the pool. Outcomes whose recording fails because the database is
 * out of reach or busy (no free connection, a lock wait past its retries) are kept and recorded again after a pause,
 * until the last of their claims lapses: a message already sent is not left to wait out its claim and go again. A node
 * dying mid-batch leaves its claims to lapse (claim-for, 2 min), after which any node sends those messages again with
 * the same webhook-id.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    static final String RECORDING_FAILURES = "portal.webhooks.recording.failures";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    /** As for the scheduled jobs: a hung database must not hold the loop for hours. */
    private static final Duration SILENCE_LIMIT = Duration.ofMinutes(10);

    private final DeliveryLedger ledger;
    private final WebhookSender sender;
    private final WebhookEndpoints endpoints;
    private final WebhookProperties properties;
    private final ThreadPoolTaskExecutor pool;
    private final Clock clock;
    private final Counter recordingFailures;
    private final WakeableLoop loop;

    DeliveryWorker(DeliveryLedger ledger, WebhookSender sender, WebhookEndpoints endpoints, WebhookProperties properties,
            @Qualifier(ExecutorNames.WEBHOOK_DELIVERY) ThreadPoolTaskExecutor pool, Clock clock, MeterRegistry meters,
            DeliveryLoop loop) {
        this.ledger = ledger;
        this.sender = sender;
        this.endpoints = endpoints;
        this.properties = properties;
        this.pool = pool;
        this.clock = clock;
        this.recordingFailures = Counter.builder(RECORDING_FAILURES)
                .description("Recordings of webhook outcomes that failed on the database and were tried again").register(meters);
        this.loop = loop.loop();
    }

    @Override
    public void start() {
        loop.start(() -> {
            try (TimeBudget ignored = TimeBudget.silenceLimit(SILENCE_LIMIT)) {
                deliverDue();
            }
        }, () -> { });
    }

    /** A pass still sending is left to end (its pool interrupts it when the context closes): its claims lapse. */
    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Claims, sends and records until nothing more is due and every claimed message is recorded; how many it claimed. */
    int deliverDue() {
        return new Run().untilNothingDue();
    }

    /** One pass of the pipeline; its state is touched by the worker's thread only, the pool just adds to finished. */
    private final class Run {

        private final BlockingQueue<DeliveryLedger.Done> finished = new LinkedBlockingQueue<>();
        private final Map<Long, Integer> sending = new HashMap<>();
        private final Map<Long, Deque<DeliveryLedger.Claimed>> waiting = new HashMap<>();
        /** Outcomes that came back but could not be recorded yet: the database was out of reach or busy. */
        private final List<DeliveryLedger.Done> unrecorded = new ArrayList<>();
        private int failedRecordings;
        private int held;
        private int claimed;

        int untilNothingDue() {
            int batch = properties.batch();
            boolean due = true;
            while (true) {
                // no new claims while outcomes wait to be recorded: the database is in trouble
                if (due && held < batch && unrecorded.isEmpty()) {
                    List<DeliveryLedger.Claimed> next = claimOrNone(batch);
                    if (next == null) {
                        due = false;
                    } else {
                        due = next.size() == batch;
                        claimed += next.size();
                        held += next.size();
                        next.forEach(this::dispatch);
                    }
                }
                if (held == 0) {
                    return claimed;
                }
                List<DeliveryLedger.Done> done = unrecorded.isEmpty() ? take(due && held < batch) : afterPause();
                if (done == null) {
                    return claimed;
                }
                for (DeliveryLedger.Done d : done) {
                    if (d.fate() == DeliveryLedger.Fate.SENT) {
                        sent(d.message().endpointId());
                    }
                }
                unrecorded.addAll(done);
                if (!record()) {
                    return claimed;
                }
            }
        }

        /** The next claims; null when the database failed them while sends are still in hand (those go on). */
        private List<DeliveryLedger.Claimed> claimOrNone(int batch) {
            try {
                return ledger.claim(batch);
            } catch (RuntimeException e) {
                if (held == 0 || !DatabaseTrouble.isUnavailable(e)) {
                    throw e;
                }
                log.warn("Webhook delivery: could not claim more messages, finishing the {} in hand: {}", held, e.toString());
                return null;
            }
        }

        /**
         * Records the outcomes not recorded yet; false when it gave up on them: a failure other than the database's
         * trouble, or every claim they were sent under has lapsed (another node may have sent them again by now).
         */
        private boolean record() {
            try {
                ledger.record(unrecorded);
            } catch (RuntimeException e) {
                if (!DatabaseTrouble.isUnavailable(e)) {
                    throw e;
                }
                recordingFailures.increment();
                failedRecordings++;
                Instant lastLapse = unrecorded.stream().map(d -> d.message().claimedUntil()).max(Instant::compareTo)
                        .orElseThrow();
                if (!clock.instant().isBefore(lastLapse)) {
                    log.warn("Webhook delivery: gave up recording {} outcomes, their claims lapsed: {}", unrecorded.size(),
                            e.toString());
                    return false;
                }
                if (failedRecordings == 1) {
                    log.warn("Webhook delivery: could not record {} outcomes, trying again until their claims lapse: {}",
                            unrecorded.size(), e.toString());
                }
                return true;
            }
            if (failedRecordings > 0) {
                log.info("Webhook delivery: recorded {} outcomes after {} failed tries", unrecorded.size(), failedRecordings);
                failedRecordings = 0;
            }
            held -= unrecorded.size();
            unrecorded.clear();
            return true;
        }

        /** Waits before recording again (doubling from 100 ms to 5 s), then takes what came back meanwhile; null if interrupted. */
        private List<DeliveryLedger.Done> afterPause() {
            long pause = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(failedRecordings - 1, 10));
            try {
                TimeUnit.MILLISECONDS.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            List<DeliveryLedger.Done> done = new ArrayList<>();
            finished.drainTo(done);
            return done;
        }

        private void dispatch(DeliveryLedger.Claimed message) {
            if (!message.enabled()) {
                finished.add(DeliveryLedger.Done.endpointDisabled(message));
            } else if (clock.instant().isAfter(message.sendBy())) {
                finished.add(DeliveryLedger.Done.handedBack(message));
            } else if (sending.getOrDefault(message.endpointId(), 0) < Math.max(1, properties.perEndpoint())) {
                sending.merge(message.endpointId(), 1, Integer::sum);
                try {
                    pool.execute(() -> finished.add(DeliveryLedger.Done.sent(message, send(message))));
                } catch (TaskRejectedException e) {
                    // the pool is shutting down: the message goes back, due again at once
                    finished.add(DeliveryLedger.Done.handedBack(message));
                }
            } else {
                waiting.computeIfAbsent(message.endpointId(), id -> new ArrayDeque<>()).add(message);
            }
        }

        /** A send to the endpoint ended: the next message waiting for it may go. */
        private void sent(long endpointId) {
            sending.merge(endpointId, -1, Integer::sum);
            Deque<DeliveryLedger.Claimed> queue = waiting.get(endpointId);
            if (queue != null) {
                DeliveryLedger.Claimed next = queue.poll();
                if (queue.isEmpty()) {
                    waiting.remove(endpointId);
                }
                if (next != null) {
                    dispatch(next);
                }
            }
        }

        /**
         * What has come back: at once (possibly nothing) when another claim may be made, else at least one; null when
         * interrupted (the node is stopping: the claims lapse).
         */
        private List<DeliveryLedger.Done> take(boolean claimable) {
            List<DeliveryLedger.Done> done = new ArrayList<>();
            if (!claimable) {
                try {
                    DeliveryLedger.Done first = finished.poll(properties.claimFor().toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        log.warn("Webhook delivery: no send came back within {}; {} messages left to their claims",
                                properties.claimFor(), held);
                        return null;
                    }
                    done.add(first);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            finished.drainTo(done);
            return done;
        }
    }

    private WebhookSender.Outcome send(DeliveryLedger.Claimed message) {
        try {
            long timestamp = System.currentTimeMillis() / 1000;
            List<String> signatures = endpoints.signingSecrets(message.secret(), message.previousSecret(), message.previousUntil())
                    .stream().map(secret -> Signatures.sign(secret, message.msgId(), timestamp, message.payload())).toList();
            return sender.send(message.url(), message.msgId(), timestamp, signatures, message.payload());
        } catch (RuntimeException e) {
            // e.g. a secret that no longer decrypts: an attempt that failed, retried with backoff like any other
            return new WebhookSender.Outcome(null, "SIGNING: " + e, null, 0);
        }
    }
}
