package cn.np700.portal.support;

import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunStepListener;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Stops one node inside a run's step, after the step's work and before its commit, until the test lets go: set
 * {@link #at} to the run's label, an item the step covers and the node's name, await {@link Hold#reached}, kill the
 * node, then release. Present in every test context; it does nothing while no hold is set.
 */
@Component
public class HeldStep implements RunStepListener {

    /** Where to stop, and the two moments: the step got there, the test lets go. */
    public record Hold(String label, int item, String node, CountDownLatch reached, CountDownLatch released) {

        public boolean reachedWithin(Duration wait) throws InterruptedException {
            return reached.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        public void release() {
            released.countDown();
        }
    }

    private static volatile Hold hold;

    private final String node;

    HeldStep(@Value("${portal.runs.node:}") String node) {
        this.node = node;
    }

    /** Holds the step of the run labelled {@code label} that covers {@code item}, on node {@code node}. */
    public static Hold at(String label, int item, String node) {
        Hold h = new Hold(label, item, node, new CountDownLatch(1), new CountDownLatch(1));
        hold = h;
        return h;
    }

    /** Lets any held step go and holds no more. */
    public static void clear() {
        Hold h = hold;
        hold = null;
        if (h != null) {
            h.release();
        }
    }

    @Override
    public void workDone(Run run, int from, int to) {
        Hold h = hold;
        if (h != null && h.label().equals(run.label()) && from <= h.item() && h.item() < to && h.node().equals(node)) {
            h.reached().countDown();
            try {
                h.released().await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
