package cn.np700.portal.database;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code @Transactional} method (or every method of a class) run under {@link TransientFailureRetry}: called from
 * outside any transaction, the whole transaction runs again after a deadlock, lock wait timeout or serialization
 * failure. The retry wraps the transaction, so it sees failures at commit too. Called inside a transaction, the
 * method runs once.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RetryOnTransientFailure {
}
