package cn.np700.portal.security;

import cn.np700.portal.database.RetryOnTransientFailure;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failure counts and blocks in {@code sign_in_throttle}, in the database so every portal node sees the same ones.
 * A failure is one upsert (the row lock orders parallel failures, so none is lost between a read and a write).
 */
@Component
public class FailureCounters {

    public record Row(String key, Instant blockedUntil, Instant lastSuccessAt) {
    }

    /** A block that a failure has just started. */
    public record Block(String key, int failures, Instant until) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SignInProperties properties;

    FailureCounters(JdbcClient jdbc, Clock clock, SignInProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    public List<Row> find(Collection<String> keys) {
        return jdbc.sql("SELECT throttle_key, blocked_until, last_success_at FROM sign_in_throttle WHERE throttle_key IN (:keys)")
                .param("keys", keys)
                .query((rs, n) -> new Row(rs.getString("throttle_key"), instant(rs.getTimestamp("blocked_until")),
                        instant(rs.getTimestamp("last_success_at"))))
                .list();
    }

    /** Counts one failure; a streak older than forget-after starts again at one. */
    @RetryOnTransientFailure
    @Transactional
    public Optional<Block> fail(String key, SignInProperties.Limit limit) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        // failures is assigned before last_failure_at, so it still compares the previous failure's time
        jdbc.sql("""
                INSERT INTO sign_in_throttle (throttle_key, failures, last_failure_at) VALUES (?, 1, ?)
                ON DUPLICATE KEY UPDATE
                    failures = CASE WHEN last_failure_at IS NULL OR last_failure_at < ? THEN 1 ELSE failures + 1 END,
                    last_failure_at = ?""")
                .params(key, at, Timestamp.from(now.minus(properties.forgetAfter())), at).update();
        int failures = jdbc.sql("SELECT failures FROM sign_in_throttle WHERE throttle_key = ?").param(key)
                .query(Integer.class).single();
        Duration block = limit.blockAfter(failures);
        if (block.isZero()) {
            return Optional.empty();
        }
        Instant until = now.plus(block);
        jdbc.sql("UPDATE sign_in_throttle SET blocked_until = ? WHERE throttle_key = ?")
                .params(Timestamp.from(until), key).update();
        return Optional.of(new Block(key, failures, until));
    }

    /** Clears the streak; {@code rememberSuccess} also notes when this key last signed in. */
    public void clear(String key, boolean rememberSuccess) {
        if (rememberSuccess) {
            Timestamp at = Timestamp.from(clock.instant());
            jdbc.sql("""
                    INSERT INTO sign_in_throttle (throttle_key, failures, last_success_at) VALUES (?, 0, ?)
                    ON DUPLICATE KEY UPDATE failures = 0, last_failure_at = NULL, blocked_until = NULL, last_success_at = ?""")
                    .params(key, at, at).update();
        } else {
            jdbc.sql("UPDATE sign_in_throttle SET failures = 0, last_failure_at = NULL, blocked_until = NULL WHERE throttle_key = ?")
                    .param(key).update();
        }
    }

    /** Rows that neither count, block nor remember anything any more. */
    int purge() {
        Instant now = clock.instant();
        return jdbc.sql("""
                DELETE FROM sign_in_throttle
                WHERE (last_failure_at IS NULL OR last_failure_at < ?) AND (blocked_until IS NULL OR blocked_until < ?)
                  AND (last_success_at IS NULL OR last_success_at < ?)""")
                .params(Timestamp.from(now.minus(properties.forgetAfter())), Timestamp.from(now),
                        Timestamp.from(now.minus(properties.knownAddressFor()))).update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
