package cn.np700.bench;

/** What one measured loop came to: its recorder and the measured time. */
public record LoadResult(String name, int concurrency, double targetRate, double seconds, LatencyRecorder recorder) {

    /** Successful operations per second. */
    public double rate() {
        return seconds <= 0 ? 0 : recorder.successes() / seconds;
    }

    /** Units of work (records, rows) per second. */
    public double unitRate() {
        return seconds <= 0 ? 0 : recorder.units() / seconds;
    }
}
