package cn.np700.portal.executors;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * One pass run again and again on a pool's thread: at once when {@link #wake woken}, otherwise every {@code idle}.
 * Passes never overlap; wake-ups during a pass count as one and start the next pass right after it. A pass that
 * throws is logged and the loop goes on, so a database outage pauses it, never ends it. The owner starts and stops it
 * from its lifecycle.
 */
public final class WakeableLoop {

    /** The work of one turn of the loop. */
    @FunctionalInterface
    public interface Pass {
        void run() throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(WakeableLoop.class);

    private final String name;
    private final AsyncTaskExecutor pool;
    private final Duration idle;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile Object running; // the current loop's token; a loop whose token is gone ends
    private volatile Future<?> loop;

    public WakeableLoop(String name, AsyncTaskExecutor pool, Duration idle) {
        this.name = name;
        this.pool = pool;
        this.idle = idle;
    }

    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Runs {@code pass} until {@link #stop}, then {@code afterLast} on the loop's thread. */
    public void start(Pass pass, Runnable afterLast) {
        Object token = new Object();
        running = token;
        loop = pool.submit(() -> run(token, pass, afterLast));
    }

    /** Waits up to 5 s for a pass in progress; one still running then ends without starting another. */
    public void stop() {
        Future<?> ending = loop;
        running = null;
        loop = null;
        if (ending == null) {
            return;
        }
        wake();
        try {
            ending.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // as good as ended: its token is gone, so it starts no pass after this one
        }
    }

    public boolean isRunning() {
        return running != null;
    }

    private void run(Object token, Pass pass, Runnable afterLast) {
        try {
            while (true) {
                try {
                    wakeUps.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                    if (running != token) {
                        return;
                    }
                    wakeUps.drainPermits();
                    pass.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.warn("{} paused until the next wake-up or {}: {}", name, idle, e.toString());
                }
            }
        } finally {
            afterLast.run();
        }
    }
}
