package cn.np700.portal.audit.trail;

import cn.np700.portal.audit.AuditEntry;
import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.executors.ExecutorNames;
import cn.np700.portal.executors.WakeableLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import net.javacrumbs.shedlock.core.LockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed entries into the hash chain in the order they are found, oldest first: each gets the next
 * position, its predecessor's hash and its own. Every link writes the chain head, so the chain never forks, also
 * with several portal nodes (on a Galera cluster, where the head's lock does not reach the other nodes, a second
 * linker fails certification and runs again). It runs on its own thread (the {@value ExecutorNames#AUDIT_CHAINING}
 * pool's) when a transaction that wrote entries commits, and every second in case a wake-up was missed (another node's
 * entries, a crash between commit and wake-up), on one node at a time: the one holding the {@link ChainerLease}.
 */
@Component
class AuditChainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditChainer.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final AuditEntryRows rows;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final ChainerLease lease;
    private final Counter linkedHere;
    private final WakeableLoop loop;

    AuditChainer(JdbcClient jdbc, JdbcTemplate batches, AuditEntryRows rows, PlatformTransactionManager transactions,
            TransientFailureRetry retry, LockProvider locks, MeterRegistry meters,
            @Qualifier(ExecutorNames.AUDIT_CHAINING) AsyncTaskExecutor chaining) {
        this.loop = new WakeableLoop("Audit chaining", chaining, Duration.ofSeconds(1));
        this.retry = retry;
        this.lease = new ChainerLease(locks);
        this.linkedHere = Counter.builder("portal.audit.linked")
                .description("Audit entries this node's chainer linked into the chain").register(meters);
        this.jdbc = jdbc;
        this.batches = batches;
        this.rows = rows;
        this.tx = new TransactionTemplate(transactions);
        // its own transaction whoever calls it, reading the latest commits once it holds the head
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    void wake() {
        loop.wake();
    }

    /**
     * Links every entry committed so far, here and now, and answers how many it linked: for the auditor's check and
     * tests, which must see the chain whole whichever node holds the lease. The head row's lock (a certification
     * conflict on a cluster) settles a clash with the holder; the lease only keeps the nodes' own loops apart.
     */
    long chainPending() {
        return chainWhile(() -> true);
    }

    /** Batch after batch while {@code allowed} holds before each. */
    private long chainWhile(BooleanSupplier allowed) {
        long linked = 0;
        int batch = BATCH;
        while (batch == BATCH && allowed.getAsBoolean()) {
            batch = retry.inTransaction(tx, status -> linkBatch());
            linked += batch;
            linkedHere.increment(batch);
        }
        return linked;
    }

    private int linkBatch() {
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
        List<AuditEntry> pending = jdbc.sql(AuditEntryRows.SELECT + " WHERE seq IS NULL ORDER BY id LIMIT ?").param(BATCH)
                .query(rows).list();
        if (pending.isEmpty()) {
            return 0;
        }
        long seq = head.seq();
        String previous = head.hash();
        List<Object[]> links = new ArrayList<>(pending.size());
        for (AuditEntry entry : pending) {
            seq++;
            String hash = AuditHash.of(linked(entry, seq, previous), previous);
            links.add(new Object[] {seq, previous, hash, entry.id()});
            previous = hash;
        }
        int[] updated = batches.batchUpdate(
                "UPDATE audit_entry SET seq = ?, prev_hash = ?, hash = ? WHERE id = ? AND seq IS NULL", links);
        for (int count : updated) {
            if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("An audit entry was linked by someone else; linking again from the head");
            }
        }
        jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(seq, previous).update();
        return pending.size();
    }

    private record Head(long seq, String hash) {
    }

    private void letGo() {
        try {
            lease.release();
        } catch (RuntimeException e) {
            // the database may be stopping with the node; the lease then runs out by itself
            log.debug("Could not give the audit chainer's lease back: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        loop.start(() -> chainWhile(lease::hold), this::letGo);
    }

    /**
     * Stops after the web server has. Entries the last second wrote stay unlinked until the next start links them: the
     * embedded database may already be stopping, and waiting for it would hold up the shutdown.
     */
    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    /** The entry as linked at {@code position} after {@code previous}, its own hash still to compute. */
    private static AuditEntry linked(AuditEntry entry, long position, String previous) {
        return new AuditEntry(entry.id(), position, entry.occurredAt(), entry.actor(), entry.actorUserId(),
                entry.actorTenantId(), entry.tenantId(), entry.action(), entry.targetType(), entry.targetId(),
                entry.clientIp(), entry.details(), previous, null);
    }
}
