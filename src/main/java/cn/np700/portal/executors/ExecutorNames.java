package cn.np700.portal.executors;

/** The qualifiers under which {@link ExecutorPools} offers its pools. */
public final class ExecutorNames {

    public static final String RUN_WORKERS = "runWorkers";

    private ExecutorNames() {
    }
}
