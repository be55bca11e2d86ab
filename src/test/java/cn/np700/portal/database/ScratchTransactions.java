package cn.np700.portal.database;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Runs a test's work as a {@code @Transactional} method marked {@link RetryOnTransientFailure}, as services do. */
@Component
class ScratchTransactions {

    @RetryOnTransientFailure
    @Transactional
    public <T> T run(Supplier<T> work) {
        return work.get();
    }
}
