package cn.np700.portal.calls.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Holds the first linking of a call's events open inside its transaction, right after its UPDATE (when it publishes
 * its audit event), until the test releases it: a rival linking of the same rows then meets the rows locked and not
 * yet committed. Inert for calls no test asked to hold.
 */
@Component
class HeldLinkings {

    private final Map<String, Hold> holds = new ConcurrentHashMap<>();

    /** The next linking that links events of this call will stop, holding its transaction open. */
    Hold next(String callId) {
        Hold hold = new Hold();
        holds.put(callId, hold);
        return hold;
    }

    @EventListener
    void linked(CallEventsLinked event) {
        event.events().stream().map(EarlierEventLinks.Linked::callId).distinct().map(holds::remove)
                .filter(Objects::nonNull).forEach(Hold::stop);
    }

    static final class Hold {

        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private void stop() {
            reached.countDown();
            try {
                // bounded, so a failing test cannot leave a transaction open for ever
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until the held linking has updated its rows and stopped. */
        void reached() throws InterruptedException {
            assertThat(reached.await(30, TimeUnit.SECONDS)).as("the linking reached its hold").isTrue();
        }

        void release() {
            released.countDown();
        }
    }
}
