package cn.np700.portal.runs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A run kind for the capability's own tests: each item inserts one row keyed by (run, item), so an item done twice
 * fails its step and an item lost is missing.
 */
@Component
public class CountedItems implements RunWork<String, Void> {

    public static final String KIND = "TEST_ITEMS";

    private final JdbcClient jdbc;
    private final String node;

    CountedItems(JdbcClient jdbc, @Value("${portal.runs.node:}") String node) {
        this.jdbc = jdbc;
        this.node = node;
    }

    public static void ensureTable(JdbcClient jdbc) {
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS run_test_item (run_id BIGINT NOT NULL, item INT NOT NULL, node VARCHAR(80) NOT NULL,
                    PRIMARY KEY (run_id, item))""").update();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String load(Run run, byte[] input) {
        // outside any transaction (DDL commits): the first run of the JVM makes the table
        ensureTable(jdbc);
        return new String(input, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public RunCounts step(Run run, String loaded, int from, int to, Void prepared) {
        RunCounts counts = RunCounts.NONE;
        for (int item = from; item < to; item++) {
            jdbc.sql("INSERT INTO run_test_item (run_id, item, node) VALUES (?, ?, ?)").params(run.id(), item, node).update();
            counts = counts.plus(item % 2 == 0 ? "even" : "odd", 1);
        }
        return counts;
    }
}
