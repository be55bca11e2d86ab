package cn.np700.portal.webhooks;

import cn.np700.portal.executors.ExecutorNames;
import cn.np700.portal.executors.WakeableLoop;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The {@link DeliveryWorker}'s loop on the {@code webhookWorker} thread, apart from the worker so that the outbox
 * writers can {@link #wake} it when their messages commit without depending on everything the worker does.
 */
@Component
class DeliveryLoop {

    private final WakeableLoop loop;

    DeliveryLoop(@Qualifier(ExecutorNames.WEBHOOK_WORKER) AsyncTaskExecutor looping, WebhookProperties properties) {
        this.loop = new WakeableLoop("Webhook delivery", looping, properties.delivery().poll());
    }

    void wake() {
        loop.wake();
    }

    WakeableLoop loop() {
        return loop;
    }
}
