package cn.np700.bench;

/** One kind of operation the loops repeat: a request to the portal, or its JDBC baseline. */
@FunctionalInterface
public interface Workload {

    /**
     * Performs operation number {@code seq} (unique within a loop, counting from 0) and says how it went. An exception
     * counts as a failure named after it.
     */
    Result call(long seq) throws Exception;

    /** The outcome ("ok" or a failure's name) and how many units of work it did (records, rows; 1 otherwise). */
    record Result(String outcome, long units) {

        static final Result OK = new Result(LatencyRecorder.OK, 1);

        public static Result ok() {
            return OK;
        }

        public static Result ok(long units) {
            return new Result(LatencyRecorder.OK, units);
        }

        public static Result failed(String outcome) {
            return new Result(outcome, 0);
        }

        public boolean isOk() {
            return LatencyRecorder.OK.equals(outcome);
        }
    }

    /**
     * A failure's name for an exception: timeouts ({@code HttpClient}'s, or a socket read or connect timeout of
     * {@link KeepAliveHttp}) and refused connections by name, others by class.
     */
    static String failureName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof java.net.http.HttpTimeoutException)) {
            if (t instanceof java.net.ConnectException) {
                break;
            }
            t = t.getCause();
        }
        if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
            return "timeout";
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return t.getClass().getSimpleName();
    }

    /** Records one operation's result. */
    static void record(LatencyRecorder recorder, Result result, long nanos) {
        if (result.isOk()) {
            recorder.success(nanos, result.units());
        } else {
            recorder.failure(result.outcome());
            recorder.addUnits(result.units());
        }
    }
}
