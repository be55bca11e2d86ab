package cn.np700.portal.database;

import io.micrometer.core.instrument.MeterRegistry;

/** The portal's retry policy with its default settings, for tests that run outside a portal context (the cluster's). */
public final class RetryPolicies {

    private RetryPolicies() {
    }

    public static TransientFailureRetry standard(MeterRegistry meters) {
        return new TransientFailureRetry(new RetryProperties(0, null, null), new DatabasePoolProperties(null, null), meters);
    }
}
