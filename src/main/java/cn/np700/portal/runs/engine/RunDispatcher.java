package cn.np700.portal.runs.engine;

import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.executors.ExecutorNames;
import cn.np700.portal.runs.RunStepListener;
import cn.np700.portal.runs.RunWork;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands runs to this node's workers. Its pulse, a thread of its own, beats every {@code portal.runs.heartbeat} for
 * the runs this node holds and every {@code portal.runs.poll} (and soon after a worker frees) claims runs that nobody
 * holds or whose owner went silent, as many as it has room for. A run this node starts it takes up itself. On
 * shutdown its runs stop after their current step and are given back, so that another node takes them up at once
 * rather than after the silence.
 */
@Component
public class RunDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);
    private static final int ORPHANS_PER_PASS = 20;
    // a worker that just finished is back in the pool a moment later; claiming before that would be refused
    private static final long WAKE_DELAY_MILLIS = 50;

    private final Map<String, RunWork<?, ?>> works;
    private final RunTable table;
    private final RunNode node;
    private final RunSettings settings;
    private final ThreadPoolTaskExecutor workers;
    private final ThreadPoolTaskExecutor pulse;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final List<RunStepListener> listeners;
    private final Map<Long, RunExecution> held = new ConcurrentHashMap<>();
    private final ReentrantLock claiming = new ReentrantLock();
    private final ReentrantLock pulseLock = new ReentrantLock();
    private final Condition pulseWake = pulseLock.newCondition();
    private boolean wakeAsked;
    private volatile boolean running;

    RunDispatcher(List<RunWork<?, ?>> works, RunTable table, RunNode node, RunSettings settings,
            @Qualifier(ExecutorNames.RUN_WORKERS) ThreadPoolTaskExecutor workers,
            @Qualifier(ExecutorNames.RUN_PULSE) ThreadPoolTaskExecutor pulse, TransactionTemplate tx,
            TransientFailureRetry retry, ApplicationEventPublisher events, Clock clock,
            ObjectProvider<RunStepListener> listeners) {
        this.works = works.stream().collect(Collectors.toMap(RunWork::kind, Function.identity()));
        this.table = table;
        this.node = node;
        this.settings = settings;
        this.workers = workers;
        this.pulse = pulse;
        this.tx = tx;
        this.retry = retry;
        this.events = events;
        this.clock = clock;
        this.listeners = listeners.orderedStream().toList();
    }

    public String node() {
        return node.name();
    }

    /**
     * Works a run this node started and holds, if a worker is free and the kind has room; otherwise gives it back, so
     * that any node's next poll may take it. Never waits long: it runs on the request that started the run.
     */
    public void takeUp(long runId, String kind) {
        RunWork<?, ?> work = works.get(kind);
        try {
            if (claiming.tryLock(200, TimeUnit.MILLISECONDS)) {
                try {
                    if (running && work != null && held.size() < workers.getMaxPoolSize()
                            && runningOf(kind) < work.concurrency() && execute(runId, work)) {
                        return;
                    }
                } finally {
                    claiming.unlock();
                }
            }
            table.release(runId, node.name());
            wake();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            table.release(runId, node.name());
        } catch (RuntimeException e) {
            log.warn("Run {} could not be taken up here; another node takes it once its silence is seen: {}", runId,
                    e.getMessage());
        }
    }

    /** Asks the pulse for a claim pass soon (a worker freed, or a run was given back). */
    void wake() {
        pulseLock.lock();
        try {
            wakeAsked = true;
            pulseWake.signalAll();
        } finally {
            pulseLock.unlock();
        }
    }

    /** The pulse: beats and claims on its own thread until the node stops. */
    private void pulse() {
        long nextBeat = System.nanoTime() + settings.heartbeat().toNanos();
        long nextPoll = System.nanoTime() + Math.min(settings.poll().toNanos(), Duration.ofSeconds(2).toNanos());
        while (running) {
            boolean woken = awaitUntil(Math.min(nextBeat, nextPoll));
            if (!running) {
                return;
            }
            long now = System.nanoTime();
            if (now >= nextBeat) {
                beat();
                nextBeat = now + settings.heartbeat().toNanos();
            }
            if (woken || now >= nextPoll) {
                if (woken) {
                    sleepQuietly(WAKE_DELAY_MILLIS);
                }
                claimOrphans();
                if (now >= nextPoll) {
                    nextPoll = now + settings.poll().toNanos();
                }
            }
        }
    }

    /** Waits until {@code deadline} (System.nanoTime) or a wake; true when woken. */
    private boolean awaitUntil(long deadline) {
        pulseLock.lock();
        try {
            long left;
            while (!wakeAsked && running && (left = deadline - System.nanoTime()) > 0) {
                pulseWake.awaitNanos(left);
            }
            boolean woken = wakeAsked;
            wakeAsked = false;
            return woken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        } finally {
            pulseLock.unlock();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void beat() {
        if (held.isEmpty()) {
            return;
        }
        try {
            table.beat(List.copyOf(held.keySet()), node.name());
        } catch (RuntimeException e) {
            log.warn("Could not beat for {} runs: {}", held.size(), e.getMessage());
        }
    }

    private void claimOrphans() {
        if (!running || !claiming.tryLock()) {
            return;
        }
        try {
            int free = workers.getMaxPoolSize() - held.size();
            List<String> kindsWithRoom = works.values().stream().filter(w -> runningOf(w.kind()) < w.concurrency())
                    .map(RunWork::kind).toList();
            if (free <= 0 || kindsWithRoom.isEmpty()) {
                return;
            }
            Duration staleAfter = settings.staleAfter();
            for (RunTable.Orphan orphan : table.orphans(kindsWithRoom, staleAfter, ORPHANS_PER_PASS)) {
                RunWork<?, ?> work = works.get(orphan.kind());
                if (free == 0 || !running) {
                    return;
                }
                if (held.containsKey(orphan.id()) || runningOf(orphan.kind()) >= work.concurrency()) {
                    continue;
                }
                if (!table.claim(orphan.id(), node.name(), staleAfter)) {
                    continue;
                }
                if (orphan.claims() >= settings.maxClaims()) {
                    execution(orphan.id(), work).giveUp("RESTARTED_TOO_OFTEN");
                    continue;
                }
                if (!execute(orphan.id(), work)) {
                    table.release(orphan.id(), node.name());
                    wake();
                    return;
                }
                free--;
            }
        } catch (RuntimeException e) {
            log.warn("Could not look for runs to take up; the next poll tries again: {}", e.getMessage());
        } finally {
            claiming.unlock();
        }
    }

    private RunExecution execution(long runId, RunWork<?, ?> work) {
        return new RunExecution(runId, work, node.name(), table, tx, retry, events, clock, this, listeners);
    }

    /** Hands a run this node holds to a worker; false when none would take it. */
    private boolean execute(long runId, RunWork<?, ?> work) {
        RunExecution execution = execution(runId, work);
        held.put(runId, execution);
        try {
            workers.execute(execution);
            return true;
        } catch (TaskRejectedException e) {
            held.remove(runId);
            return false;
        }
    }

    private long runningOf(String kind) {
        return held.values().stream().filter(e -> e.kind().equals(kind)).count();
    }

    /** False once the node is shutting down: executions give their runs back after the current step. */
    boolean accepting() {
        return running;
    }

    /** A worker is free again: the next queued run need not wait for the poll. */
    void done(long runId) {
        synchronized (held) {
            held.remove(runId);
            held.notifyAll();
        }
        wake();
    }

    /** How many runs this node works on now. */
    int holding() {
        return held.size();
    }

    @Override
    public void start() {
        running = true;
        pulse.execute(this::pulse);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        synchronized (held) {
            long left;
            while (!held.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    held.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
