package cn.np700.portal.bindings.bulk;

import cn.np700.portal.bindings.BindingCreated;
import cn.np700.portal.bindings.BindingEnded;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a line of a bulk run inside the transaction of the use case that applies it, so the binding and the line's
 * row commit together or not at all: the creation or unbinding publishes its event in its own transaction, and this
 * listener, told which run and line the thread is applying, writes the row there. A line whose row exists was applied;
 * a second attempt at it (a node resuming the run, a silent node waking up) fails on the row's key and rolls back.
 */
@Component
class LineRecorder {

    private static final ThreadLocal<Applying> APPLYING = new ThreadLocal<>();

    private final BindingFileLines lines;

    LineRecorder(BindingFileLines lines) {
        this.lines = lines;
    }

    /** The line being applied on this thread; {@code ending} is the binding an END line ends, null for CREATE. */
    private static final class Applying {
        final long runId;
        final int lineNo;
        final Long ending;
        boolean recorded;

        Applying(long runId, int lineNo, Long ending) {
            this.runId = runId;
            this.lineNo = lineNo;
            this.ending = ending;
        }
    }

    /** What the use case returned, and whether the line's row was written in its transaction. */
    record Applied<T>(T value, boolean recorded) {
    }

    <T> Applied<T> applying(long runId, int lineNo, Long ending, Supplier<T> useCase) {
        Applying line = new Applying(runId, lineNo, ending);
        APPLYING.set(line);
        try {
            T value = useCase.get();
            return new Applied<>(value, line.recorded);
        } finally {
            APPLYING.remove();
        }
    }

    @EventListener
    void on(BindingCreated created) {
        Applying line = APPLYING.get();
        if (line != null && line.ending == null && TransactionSynchronizationManager.isActualTransactionActive()) {
            lines.insert(line.runId, LineResult.ok(line.lineNo, created.binding(), "CREATED"));
            line.recorded = true;
        }
    }

    @EventListener
    void on(BindingEnded ended) {
        Applying line = APPLYING.get();
        if (line != null && line.ending != null && line.ending == ended.bindingId()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            lines.insert(line.runId, new LineResult(line.lineNo, true, ended.bindingId(), ended.x(), "ENDED", null, null,
                    null, java.util.List.of()));
            line.recorded = true;
        }
    }
}
