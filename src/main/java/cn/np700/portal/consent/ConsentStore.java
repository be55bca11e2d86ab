package cn.np700.portal.consent;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import cn.np700.portal.web.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The one owner of the {@code consent} table. A hot path (every binding creation takes its parties' rows) and a log,
 * so {@code JdbcClient}; every statement names the tenant.
 */
@Component
class ConsentStore {

    static final String COLUMNS = "id, tenant_id, number_masked, channel, evidence_ref, granted_at, recorded_at, "
            + "recorded_by, withdrawn_at, withdrawn_by";

    private final JdbcClient jdbc;

    ConsentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new consent in force; empty when the number already has one (the unique key on the consents in force). */
    Optional<Long> insertIfNone(TenantId tenant, byte[] cipher, byte[] hash, String masked, ConsentInput.Checked given,
            Instant now, String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        int added = jdbc.sql("""
                INSERT IGNORE INTO consent (tenant_id, number_cipher, number_hash, number_masked, channel, evidence_ref,
                granted_at, recorded_at, recorded_by, in_force) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)""")
                .params(tenant, cipher, hash, masked, given.channel().name(), given.evidence(),
                        Timestamp.from(given.grantedAt()), Timestamp.from(now), by)
                .update(key, "id");
        return added == 0 ? Optional.empty() : Optional.of(key.getKey().longValue());
    }

    /**
     * Takes the rows of the consents in force for {@code consented}, unless one of {@code listed} is on the platform's or
     * the tenant's blacklist (the blacklist's published view, read in the same statement so that a creation pays one
     * statement for both rules). The rows stay locked until the caller's transaction ends; the rows taken.
     */
    int take(TenantId tenant, List<byte[]> consented, List<byte[]> listed, Instant now) {
        List<Object> params = new ArrayList<>();
        params.add(tenant);
        params.addAll(consented);
        params.addAll(listed);
        params.add(tenant);
        params.add(Timestamp.from(now));
        return jdbc.sql("UPDATE consent SET bindings_taken = bindings_taken + 1 WHERE tenant_id = ? AND number_hash IN ("
                        + marks(consented.size()) + ") AND in_force = 1 AND NOT EXISTS (SELECT 1 FROM blacklist_number l "
                        + "WHERE l.number_hash IN (" + marks(listed.size()) + ") AND (l.tenant_id IS NULL OR l.tenant_id = ?) "
                        + "AND l.removed_at IS NULL AND (l.expires_at IS NULL OR l.expires_at > ?))")
                .params(params).update();
    }

    /** Of these hashes (hex), those with a consent in force. */
    Set<String> inForceAmong(TenantId tenant, List<byte[]> hashes) {
        List<Object> params = new ArrayList<>();
        params.add(tenant);
        params.addAll(hashes);
        return jdbc.sql("SELECT number_hash FROM consent WHERE tenant_id = ? AND number_hash IN (" + marks(hashes.size())
                        + ") AND in_force = 1")
                .params(params).query((rs, n) -> HexFormat.of().formatHex(rs.getBytes(1))).list().stream()
                .collect(Collectors.toSet());
    }

    /** The consent with its number's hash, if it is the tenant's. */
    record Stored(Consent consent, byte[] hash) {
    }

    Optional<Stored> find(TenantId tenant, long id) {
        return jdbc.sql("SELECT " + COLUMNS + ", number_hash FROM consent WHERE id = ? AND tenant_id = ?")
                .params(id, tenant).query((rs, n) -> new Stored(map(rs, n), rs.getBytes(11))).optional();
    }

    /** Whether this call withdrew it (a consent is withdrawn once, whoever races). */
    boolean withdraw(TenantId tenant, long id, Instant now, String by) {
        return jdbc.sql("UPDATE consent SET withdrawn_at = ?, withdrawn_by = ?, in_force = NULL "
                        + "WHERE id = ? AND tenant_id = ? AND in_force = 1")
                .params(Timestamp.from(now), by, id, tenant).update() == 1;
    }

    /** The number's consents in the tenant, newest first. */
    List<Consent> history(TenantId tenant, byte[] hash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent WHERE tenant_id = ? AND number_hash = ? "
                        + "ORDER BY granted_at DESC, id DESC LIMIT 100")
                .params(tenant, hash).query(ConsentStore::map).list();
    }

    /** The consent in force at {@code at} (granted by then, not withdrawn by then), if any. */
    Optional<Consent> inForceAt(TenantId tenant, byte[] hash, Instant at) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent WHERE tenant_id = ? AND number_hash = ? AND granted_at <= ? "
                        + "AND (withdrawn_at IS NULL OR withdrawn_at > ?) ORDER BY granted_at DESC, id DESC LIMIT 1")
                .params(tenant, hash, Timestamp.from(at), Timestamp.from(at)).query(ConsentStore::map).optional();
    }

    Page<Consent> page(SqlWhere where, SortOrder sort, PageQuery page) {
        return where.page(jdbc, "SELECT COUNT(*) FROM consent" + where.sql(),
                "SELECT " + COLUMNS + " FROM consent" + where.sql() + " ORDER BY " + sort.sql() + ", id DESC LIMIT ? OFFSET ?",
                page, ConsentStore::map);
    }

    long recordedBy(TenantId tenant, String by) {
        return jdbc.sql("SELECT COUNT(*) FROM consent WHERE tenant_id = ? AND recorded_by = ? AND in_force = 1")
                .params(tenant, by).query(Long.class).single();
    }

    static Consent map(ResultSet rs, int row) throws SQLException {
        Timestamp withdrawn = rs.getTimestamp(9);
        return new Consent(rs.getLong(1), TenantId.of(rs.getLong(2)), rs.getString(3),
                ConsentChannel.valueOf(rs.getString(4)), rs.getString(5), rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7).toInstant(), rs.getString(8), withdrawn == null ? null : withdrawn.toInstant(),
                rs.getString(10));
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
