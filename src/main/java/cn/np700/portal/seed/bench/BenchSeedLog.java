package cn.np700.portal.seed.bench;

import cn.np700.portal.database.EmbeddedDatabaseMarker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How long each part of the benchmark's data set took to load, kept in {@code bench-seed.json} beside the embedded
 * database's data (the load generator prints it), and progress lines in the log while a part loads.
 */
@Component
public class BenchSeedLog {

    private static final Logger log = LoggerFactory.getLogger(BenchSeedLog.class);
    private static final Pattern PHASE = Pattern.compile(
            "\\{\"name\":\"([a-z-]+)\",\"count\":(\\d+),\"seconds\":([0-9.]+)}");

    private final Path file;

    BenchSeedLog(ObjectProvider<EmbeddedDatabaseMarker> embedded) {
        EmbeddedDatabaseMarker marker = embedded.getIfAvailable();
        this.file = (marker == null ? Path.of(".") : marker.dataDir()).resolve("bench-seed.json");
    }

    public void progress(String phase, long done, long total, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        log.info("Bench data: {} {}/{} ({}/s)", phase, done, total, seconds > 0 ? Math.round(done / seconds) : 0);
    }

    public synchronized void done(String phase, long count, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        log.info("Bench data: {} loaded, {} in {} s", phase, count, String.format(Locale.ROOT, "%.1f", seconds));
        Map<String, String> phases = read();
        phases.put(phase, String.format(Locale.ROOT, "{\"name\":\"%s\",\"count\":%d,\"seconds\":%.1f}", phase, count,
                seconds));
        double total = phases.values().stream().mapToDouble(p -> {
            Matcher m = PHASE.matcher(p);
            return m.matches() ? Double.parseDouble(m.group(3)) : 0;
        }).sum();
        String json = "{\"phases\":[" + String.join(",", phases.values()) + "],\"totalSeconds\":"
                + String.format(Locale.ROOT, "%.1f", total) + "}\n";
        try {
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> read() {
        Map<String, String> phases = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                Matcher m = PHASE.matcher(Files.readString(file));
                while (m.find()) {
                    phases.put(m.group(1), m.group());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return phases;
    }
}
