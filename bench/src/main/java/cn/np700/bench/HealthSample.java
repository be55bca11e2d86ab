package cn.np700.bench;

/** One probe of a health group: when it started and ended (ms since the run began), its status (0: no answer). */
public record HealthSample(String group, double startMs, double endMs, int status) {

    public boolean up() {
        return status == 200;
    }

    public double millis() {
        return endMs - startMs;
    }
}
