package cn.np700.portal.blacklist;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.PersonalDataCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform's and each enterprise's blacklists. A number is looked up by its keyed hash; an entry is in force
 * until removed or expired. Binding asks {@link #listedFor}; routing reads the same table in its one query.
 */
@Service
public class Blacklist {

    static final String COLUMNS = "id, tenant_id, number_masked, reason, expires_at, created_at, created_by, removed_at, removed_by";

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Blacklist(JdbcClient jdbc, PersonalDataCipher cipher, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    /** Of these normalised numbers, those listed platform-wide or by the tenant, now: one statement for all of them. */
    public List<String> listedFor(TenantId tenant, List<String> numbers) {
        Map<String, String> byHash = new LinkedHashMap<>();
        for (String number : numbers) {
            if (number != null) {
                byHash.put(HexFormat.of().formatHex(cipher.index(number)), number);
            }
        }
        if (byHash.isEmpty()) {
            return List.of();
        }
        List<byte[]> hashes = byHash.keySet().stream().map(HexFormat.of()::parseHex).toList();
        Set<String> listedHashes = new HashSet<>(jdbc.sql("SELECT DISTINCT number_hash FROM blacklist_entry "
                        + "WHERE number_hash IN (:hashes) AND (tenant_id IS NULL OR tenant_id = :tenant) "
                        + "AND removed_at IS NULL AND (expires_at IS NULL OR expires_at > :now)")
                .param("hashes", hashes).param("tenant", tenant).param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> HexFormat.of().formatHex(rs.getBytes(1))).list());
        List<String> listed = new ArrayList<>();
        byHash.forEach((hash, number) -> {
            if (listedHashes.contains(hash)) {
                listed.add(number);
            }
        });
        return listed;
    }

    /**
     * Refused (false) when the number is already listed on that list. The unique key on the live entry
     * ({@code uq_blacklist_live}) settles two adds at once, also on two Galera nodes; an entry that has expired makes
     * way first (it is marked lapsed).
     */
    @RetryOnTransientFailure
    @Transactional
    public boolean add(BlacklistOwner owner, String number, String masked, String reason, Instant expiresAt, String by) {
        byte[] hash = cipher.index(number);
        Instant now = clock.instant();
        List<Object> params = new ArrayList<>(List.of(hash));
        params.addAll(List.of(owner.params()));
        params.add(Timestamp.from(now));
        jdbc.sql("UPDATE blacklist_entry SET lapsed = TRUE WHERE number_hash = ? AND " + owner.condition("tenant_id")
                        + " AND removed_at IS NULL AND NOT lapsed AND expires_at <= ?")
                .params(params).update();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO blacklist_entry (tenant_id, number_hash, number_masked, reason, expires_at, created_at, created_by) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(owner.tenant().orElse(null), hash, masked, reason, expiresAt == null ? null : Timestamp.from(expiresAt),
                            Timestamp.from(now), by)
                    .update(key, "id");
        } catch (DuplicateKeyException listed) {
            return false;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", masked);
        details.put("reason", reason);
        details.put("scope", owner.tenant().isEmpty() ? "PLATFORM" : "TENANT");
        details.put("expiresAt", expiresAt == null ? "never" : expiresAt.toString());
        events.publishEvent(new BlacklistChanged("BLACKLIST_ADDED", key.getKey().longValue(), owner.tenant().orElse(null), details));
        return true;
    }

    /** Removes an entry of that list; false when there is none in force. */
    @RetryOnTransientFailure
    @Transactional
    public boolean remove(BlacklistOwner owner, long id, String by) {
        Instant now = clock.instant();
        List<Object> params = new ArrayList<>(List.of(Timestamp.from(now), by, id));
        params.addAll(List.of(owner.params()));
        int changed = jdbc.sql("UPDATE blacklist_entry SET removed_at = ?, removed_by = ? WHERE id = ? AND "
                        + owner.condition("tenant_id") + " AND removed_at IS NULL")
                .params(params).update();
        if (changed == 1) {
            events.publishEvent(new BlacklistChanged("BLACKLIST_REMOVED", id, owner.tenant().orElse(null), Map.of()));
        }
        return changed == 1;
    }

    public boolean exists(BlacklistOwner owner, long id) {
        List<Object> params = new ArrayList<>(List.of(id));
        params.addAll(List.of(owner.params()));
        return jdbc.sql("SELECT COUNT(*) FROM blacklist_entry WHERE id = ? AND " + owner.condition("tenant_id"))
                .params(params).query(Long.class).single() > 0;
    }

    /** The list's entries, those in force first, newest first; {@code numberHash} narrows to one number. */
    public List<BlacklistEntry> of(BlacklistOwner owner, byte[] numberHash, int limit) {
        List<Object> params = new ArrayList<>(List.of(owner.params()));
        if (numberHash != null) {
            params.add(numberHash);
        }
        params.add(limit);
        return jdbc.sql("SELECT " + COLUMNS + " FROM blacklist_entry WHERE " + owner.condition("tenant_id")
                        + (numberHash == null ? "" : " AND number_hash = ?")
                        + " ORDER BY removed_at IS NOT NULL, created_at DESC, id DESC LIMIT ?")
                .params(params).query(Blacklist::map).list();
    }

    static BlacklistEntry map(ResultSet rs, int row) throws SQLException {
        Timestamp expires = rs.getTimestamp("expires_at");
        Timestamp removed = rs.getTimestamp("removed_at");
        return new BlacklistEntry(rs.getLong("id"), TenantId.orNull(rs.getObject("tenant_id", Long.class)),
                rs.getString("number_masked"), rs.getString("reason"), expires == null ? null : expires.toInstant(),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                removed == null ? null : removed.toInstant(), rs.getString("removed_by"));
    }
}
