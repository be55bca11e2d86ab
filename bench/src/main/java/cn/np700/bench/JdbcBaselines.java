package cn.np700.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database work of route, bind and ingest done directly over JDBC by this process, one connection per thread:
 * what the portal's figures are compared with.
 */
public final class JdbcBaselines {

    /** The portal's routing look-up, verbatim from BindingRoutes. */
    static final String ROUTE_SQL = """
            SELECT p.tenant_id, p.status, t.status, s.party_hash, b.id, b.mode, b.status, b.expires_at, b.direction,
                   b.record_calls, b.a_hash, b.a_cipher, b.b_cipher, b.n_cipher,
                   EXISTS (SELECT 1 FROM blacklist_entry e WHERE e.number_hash = ? AND e.removed_at IS NULL
                           AND (e.expires_at IS NULL OR e.expires_at > ?)
                           AND (e.tenant_id IS NULL OR e.tenant_id = p.tenant_id))
            FROM pool_number p
            JOIN tenant t ON t.id = p.tenant_id
            LEFT JOIN binding_slot s ON s.x = p.number AND s.party_hash IN (?, ?)
            LEFT JOIN binding b ON b.id = s.binding_id
            WHERE p.number = ?""";

    static final byte[] ANY_CALLER = new byte[32];

    static final String BINDING_INSERT = """
            INSERT INTO bench_binding (tenant_id, mode, x, a_cipher, a_hash, a_masked, b_cipher, b_hash, b_masked, n_cipher,
                n_hash, n_masked, direction, record_calls, order_ref, live_order_ref, status, expires_at, created_at,
                created_by, created_ip, api_key_id, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?)""";

    static final String SLOT_INSERT = "INSERT INTO bench_binding_slot (x, party_hash, binding_id, expires_at) VALUES (?, ?, ?, ?)";

    static final String CALL_COLUMNS = "(call_id, tenant_id, binding_id, match_status, x, caller_cipher, caller_hash,"
            + " caller_masked, callee_cipher, callee_hash, callee_masked, call_type, direction, start_time, ring_time,"
            + " answer_time, release_time, duration_seconds, release_cause, release_side, result, recording_ref,"
            + " received_at, ingest_id)";
    static final int CALL_PARAMS = 24;

    /** A number as the portal stores it: version byte, 12-byte nonce, 11 digits, 16-byte tag. */
    static final int CIPHER_LENGTH = 1 + 12 + 11 + 16;

    private JdbcBaselines() {
    }

    /** The multi-row INSERT of {@code rows} call records, as the portal's batch becomes with rewriteBatchedStatements. */
    static String callInsert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO bench_call_record ").append(CALL_COLUMNS).append(" VALUES ");
        String group = "(" + "?, ".repeat(CALL_PARAMS - 1) + "?)";
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ", ").append(group);
        }
        return sql.append(" ON DUPLICATE KEY UPDATE call_id = call_id").toString();
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    static String masked(String digits) {
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    /** A real routing key: X and the keyed hash of a party bound on it. */
    public record RouteKey(long x, byte[] partyHash) {
    }

    /** Up to {@code total} slots read from random places of each tenant's seeded range of X. */
    public static List<RouteKey> sampleRouteKeys(Database db, DataContract data, int total) throws SQLException {
        List<RouteKey> keys = new ArrayList<>(total);
        int perTenant = Math.max(1, total / DataContract.TENANTS);
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT x, party_hash FROM binding_slot WHERE x BETWEEN ? AND ? AND party_hash <> ? LIMIT ?")) {
            for (int t = 1; t <= DataContract.TENANTS; t++) {
                long first = data.firstX(t);
                long end = data.endX(t);
                int chunk = Math.max(1, perTenant / 10);
                for (int part = 0; part < 10; part++) {
                    long span = Math.max(1, (end - first) - chunk / 2);
                    long from = first + ThreadLocalRandom.current().nextLong(span);
                    s.setLong(1, from);
                    s.setLong(2, Math.max(from, end - 1));
                    s.setBytes(3, ANY_CALLER);
                    s.setInt(4, chunk);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            keys.add(new RouteKey(rs.getLong(1), rs.getBytes(2)));
                        }
                    }
                }
            }
        }
        java.util.Collections.shuffle(keys);
        return keys;
    }

    /** Per thread: its own connection and prepared statements. */
    private static final class PerThread {
        final Connection connection;
        final PreparedStatement first;
        final PreparedStatement second;

        PerThread(Connection connection, PreparedStatement first, PreparedStatement second) {
            this.connection = connection;
            this.first = first;
            this.second = second;
        }
    }

    /** The routing look-up with sampled keys; ok when it finds the binding. */
    public static Workload route(Database db, List<RouteKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("no routing keys could be sampled from binding_slot");
        }
        ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(() -> {
            try {
                Connection c = db.connect();
                return new PerThread(c, c.prepareStatement(ROUTE_SQL), null);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
            }
        });
        return seq -> {
            RouteKey key = keys.get((int) (seq % keys.size()));
            PreparedStatement s = perThread.get().first;
            s.setBytes(1, key.partyHash());
            s.setTimestamp(2, Timestamp.from(Instant.now()));
            s.setBytes(3, key.partyHash());
            s.setBytes(4, ANY_CALLER);
            s.setLong(5, key.x());
            boolean found = false;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Object[] row = {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getObject(5),
                            rs.getString(6), rs.getString(7), rs.getTimestamp(8), rs.getString(9), rs.getBoolean(10),
                            rs.getBytes(11), rs.getBytes(12), rs.getBytes(13), rs.getBytes(14), rs.getBoolean(15)};
                    found |= row[4] != null;
                }
            }
            return found ? Workload.Result.ok() : Workload.Result.failed("no binding found");
        };
    }

    public static void createBindTables(Database db) throws SQLException {
        db.execute("CREATE TABLE IF NOT EXISTS bench_binding LIKE binding",
                "CREATE TABLE IF NOT EXISTS bench_binding_slot LIKE binding_slot",
                "TRUNCATE TABLE bench_binding", "TRUNCATE TABLE bench_binding_slot");
    }

    public static void dropBindTables(Database db) throws SQLException {
        db.execute("DROP TABLE IF EXISTS bench_binding", "DROP TABLE IF EXISTS bench_binding_slot");
    }

    /** A creation's inserts in one transaction: the binding row and its two slots, realistic values. */
    public static Workload bind(Database db, DataContract data, List<Long> tenantIds, String run) {
        String prefix = "bench-" + run + "-j" + Long.toString(System.nanoTime() & Long.MAX_VALUE, 36) + "-";
        ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(() -> {
            try {
                Connection c = db.connect();
                c.setAutoCommit(false);
                return new PerThread(c, c.prepareStatement(BINDING_INSERT, Statement.RETURN_GENERATED_KEYS),
                        c.prepareStatement(SLOT_INSERT));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
            }
        });
        return seq -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            PerThread p = perThread.get();
            int tenant = 1 + (int) (seq % DataContract.TENANTS);
            long tenantId = tenantIds.get((int) (seq % tenantIds.size()));
            long party = random.nextLong(data.partiesPerTenant());
            String a = DataContract.partyA(tenant, party);
            String b = DataContract.partyB(tenant, party);
            long x = data.xValue(tenant, random.nextLong(Math.max(1, data.blocksPerTenant() * 10000)));
            byte[] aHash = randomBytes(32);
            byte[] bHash = randomBytes(32);
            Instant now = Instant.now();
            Timestamp expires = Timestamp.from(now.plusSeconds(3600));
            String orderRef = prefix + seq;
            try {
                PreparedStatement s = p.first;
                s.setLong(1, tenantId);
                s.setString(2, "AXB");
                s.setLong(3, x);
                s.setBytes(4, randomBytes(CIPHER_LENGTH));
                s.setBytes(5, aHash);
                s.setString(6, masked(a));
                s.setBytes(7, randomBytes(CIPHER_LENGTH));
                s.setBytes(8, bHash);
                s.setString(9, masked(b));
                s.setNull(10, Types.VARBINARY);
                s.setNull(11, Types.BINARY);
                s.setNull(12, Types.VARCHAR);
                s.setString(13, "BOTH");
                s.setBoolean(14, false);
                s.setString(15, orderRef);
                s.setString(16, orderRef);
                s.setTimestamp(17, expires);
                s.setTimestamp(18, Timestamp.from(now));
                s.setString(19, "api:bench-tenant-" + DataContract.tt(tenant));
                s.setString(20, "127.0.0.1");
                s.setLong(21, tenantId);
                s.setTimestamp(22, Timestamp.from(now));
                s.executeUpdate();
                long id;
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                for (byte[] hash : new byte[][] {aHash, bHash}) {
                    p.second.setLong(1, x);
                    p.second.setBytes(2, hash);
                    p.second.setLong(3, id);
                    p.second.setTimestamp(4, expires);
                    p.second.executeUpdate();
                }
                p.connection.commit();
                return Workload.Result.ok();
            } catch (SQLException e) {
                p.connection.rollback();
                return Workload.Result.failed("SQL " + e.getSQLState());
            }
        };
    }

    public static void createCallTable(Database db) throws SQLException {
        db.execute("DROP TABLE IF EXISTS bench_call_record", "CREATE TABLE bench_call_record LIKE call_record");
    }

    public static void dropCallTable(Database db) throws SQLException {
        db.execute("DROP TABLE IF EXISTS bench_call_record");
    }

    /** One multi-row INSERT of 500 call records (the portal's columns and ON DUPLICATE KEY clause); units are rows. */
    public static Workload ingest(Database db, DataContract data, List<Long> tenantIds, String run) {
        int rows = IngestWorkload.BATCH;
        String sql = callInsert(rows);
        String prefix = "bench-" + run + "-j" + Long.toString(System.nanoTime() & Long.MAX_VALUE, 36) + "-";
        ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(() -> {
            try {
                Connection c = db.connect();
                return new PerThread(c, c.prepareStatement(sql), null);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
            }
        });
        return seq -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            PreparedStatement s = perThread.get().first;
            Instant now = Instant.now();
            Timestamp received = Timestamp.from(now);
            long ingestId = random.nextLong(Long.MAX_VALUE);
            int n = 1;
            for (int r = 0; r < rows; r++) {
                int tenant = 1 + random.nextInt(DataContract.TENANTS);
                long i = random.nextLong(data.bindingsPerTenant());
                String callId = prefix + seq + "-" + r;
                Instant start = now.minusSeconds(180 + random.nextInt(120));
                int duration = 10 + random.nextInt(110);
                s.setString(n++, callId);
                s.setLong(n++, tenantIds.get((tenant - 1) % tenantIds.size()));
                s.setLong(n++, 1 + random.nextLong(data.bindings()));
                s.setString(n++, "MATCHED");
                s.setLong(n++, data.xValue(tenant, i));
                s.setBytes(n++, randomBytes(CIPHER_LENGTH));
                s.setBytes(n++, randomBytes(32));
                s.setString(n++, masked(data.a(tenant, i)));
                s.setBytes(n++, randomBytes(CIPHER_LENGTH));
                s.setBytes(n++, randomBytes(32));
                s.setString(n++, masked(data.b(tenant, i)));
                s.setString(n++, "VOICE");
                s.setString(n++, "A_TO_B");
                s.setTimestamp(n++, Timestamp.from(start));
                s.setTimestamp(n++, Timestamp.from(start.plusSeconds(1)));
                s.setTimestamp(n++, Timestamp.from(start.plusSeconds(4)));
                s.setTimestamp(n++, Timestamp.from(start.plusSeconds(4 + duration)));
                s.setInt(n++, duration);
                s.setInt(n++, 16);
                s.setString(n++, "CALLER");
                s.setString(n++, "ANSWERED");
                s.setString(n++, "rec/" + callId + ".wav");
                s.setTimestamp(n++, received);
                s.setLong(n++, ingestId);
            }
            int inserted = s.executeUpdate();
            return inserted >= rows ? Workload.Result.ok(rows) : new Workload.Result("inserted " + inserted, inserted);
        };
    }

    /** The tenants' ids (the bench tenants are the portal's; values for tenant_id columns). */
    public static List<Long> tenantIds(Database db) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM tenant ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("the database has no tenants");
        }
        return ids;
    }
}
