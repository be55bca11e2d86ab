package cn.np700.portal.webhooks;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Tells this node's {@link DeliveryWorker} that messages were committed: the writers call {@link #wake}, the worker's
 * loop waits in {@link #await}. Wake-ups between two passes count as one.
 */
@Component
class WorkerWakeUps {

    private final Semaphore wakeUps = new Semaphore(0);

    void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Until woken or {@code most} has passed; clears the wake-ups, so that those during the pass start another. */
    void await(Duration most) throws InterruptedException {
        wakeUps.tryAcquire(most.toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
    }
}
