package cn.np700.portal.executors;

/** The qualifiers under which {@link ExecutorPools} offers its pools; each is also the pool's {@code name} tag. */
public final class ExecutorNames {

    public static final String RUN_WORKERS = "runWorkers";
    public static final String RUN_PULSE = "runPulse";
    /** The audit chainer's one thread, linking committed entries into the hash chain. */
    public static final String AUDIT_CHAINING = "auditChaining";
    /** The database probe's one thread, asking the database every second whether it answers. */
    public static final String DATABASE_PROBING = "databaseProbing";
    /** Re-ranks a tenant's busiest numbers in the background once the shown ranking is stale. */
    public static final String BUSIEST_NUMBERS_RERANKING = "busiestNumbersReranking";
    /** Reads the next chunk of a call record export while the current one is written. */
    public static final String CALL_EXPORT_READING = "callExportReading";
    /** Checks the reach rule on bindings after they committed. */
    public static final String RISK_REACH_CHECKS = "riskReachChecks";
    /** Sends the webhook messages one node claimed, several at a time. */
    public static final String WEBHOOK_DELIVERY = "webhookDelivery";
    /** The webhook worker's loop: claims, hands to {@link #WEBHOOK_DELIVERY} and records, one pass at a time. */
    public static final String WEBHOOK_WORKER = "webhookWorker";
    /** Runs the benchmark seeders' slices. */
    public static final String BENCH_SEEDING = "benchSeeding";

    private ExecutorNames() {
    }
}
