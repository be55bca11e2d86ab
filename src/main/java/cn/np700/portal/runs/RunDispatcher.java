package cn.np700.portal.runs;

import cn.np700.portal.executors.ExecutorNames;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import cn.np700.portal.database.TransientFailureRetry;

/**
 * Hands runs to this node's workers: every {@code portal.runs.poll} (and right after a run starts) it claims runs
 * that nobody holds or whose owner went silent, as many as it has free workers; every {@code portal.runs.heartbeat}
 * it beats for the runs it holds. On shutdown its runs stop after their current step and are given back, so that
 * another node takes them up at once rather than after the silence.
 */
@Component
class RunDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);
    private static final int ORPHANS_PER_PASS = 20;

    private final Map<String, RunWork<?, ?>> works;
    private final RunTable table;
    private final RunNode node;
    private final RunSettings settings;
    private final ThreadPoolTaskExecutor workers;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final List<RunStepListener> listeners;
    private final Map<Long, RunExecution> held = new ConcurrentHashMap<>();
    private final ReentrantLock claiming = new ReentrantLock();
    private volatile boolean running;

    RunDispatcher(List<RunWork<?, ?>> works, RunTable table, RunNode node, RunSettings settings,
            @Qualifier(ExecutorNames.RUN_WORKERS) ThreadPoolTaskExecutor workers, TransactionTemplate tx,
            TransientFailureRetry retry, ApplicationEventPublisher events, Clock clock,
            ObjectProvider<RunStepListener> listeners) {
        this.works = works.stream().collect(Collectors.toMap(RunWork::kind, Function.identity()));
        this.table = table;
        this.node = node;
        this.settings = settings;
        this.workers = workers;
        this.tx = tx;
        this.retry = retry;
        this.events = events;
        this.clock = clock;
        this.listeners = listeners.orderedStream().toList();
    }

    String node() {
        return node.name();
    }

    /**
     * Works a run this node started and holds, if a worker is free and the kind has room; otherwise gives it back, so
     * that any node's next poll may take it.
     */
    void takeUp(long runId, String kind) {
        RunWork<?, ?> work = works.get(kind);
        try {
            claiming.lock();
            try {
                if (running && work != null && held.size() < workers.getMaxPoolSize()
                        && runningOf(kind) < work.concurrency() && execute(runId, work)) {
                    return;
                }
            } finally {
                claiming.unlock();
            }
            table.giveBackUnstarted(runId, node.name());
        } catch (RuntimeException e) {
            log.warn("Run {} could not be taken up here; another node takes it once its silence is seen: {}", runId,
                    e.getMessage());
        }
    }

    /** Claims what it can now (a worker freed). */
    void wake() {
        try {
            claimOrphans();
        } catch (RuntimeException e) {
            log.warn("Could not look for runs to take up; the next poll tries again: {}", e.getMessage());
        }
    }

    @Scheduled(initialDelayString = "${portal.runs.poll:PT2S}", fixedDelayString = "${portal.runs.poll:PT2S}")
    void poll() {
        wake();
    }

    @Scheduled(initialDelayString = "${portal.runs.heartbeat:PT5S}", fixedDelayString = "${portal.runs.heartbeat:PT5S}")
    void beat() {
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
            if (free <= 0) {
                return;
            }
            Duration staleAfter = settings.staleAfter();
            List<RunTable.Orphan> orphans = table.orphans(staleAfter, ORPHANS_PER_PASS);
            log.debug("{}: {} free workers, orphans {}", node.name(), free, orphans);
            for (RunTable.Orphan orphan : orphans) {
                RunWork<?, ?> work = works.get(orphan.kind());
                if (free == 0 || !running) {
                    return;
                }
                if (work == null || held.containsKey(orphan.id()) || runningOf(orphan.kind()) >= work.concurrency()) {
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
                    return;
                }
                free--;
            }
        } finally {
            claiming.unlock();
        }
    }

    private RunExecution execution(long runId, RunWork<?, ?> work) {
        return new RunExecution(runId, work, node.name(), table, tx, retry, events, clock, this, listeners);
    }

    /** Hands a run this node holds to a worker; false when none would take it. */
    private boolean execute(long runId, RunWork<?, ?> work) {
        held.put(runId, execution(runId, work));
        try {
            workers.execute(held.get(runId));
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
    }

    @Override
    public void stop() {
        running = false;
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
