package cn.np700.portal.audit.trail;

import cn.np700.portal.audit.AuditEntry;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Links what has committed so far, then walks the chain in order, in bounded batches, recomputing every hash. */
@Component
public class ChainVerifier {

    private static final int BATCH = 2_000;

    private final JdbcClient jdbc;
    private final AuditEntryRows rows;
    private final AuditChainer chainer;
    private final TransactionTemplate readOnly;

    ChainVerifier(JdbcClient jdbc, AuditEntryRows rows, AuditChainer chainer, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.chainer = chainer;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public ChainVerification verify() {
        chainer.chainPending();
        return readOnly.execute(status -> walk());
    }

    /** Up to the head as read first, so entries another node links meanwhile are neither counted nor missed. */
    private ChainVerification walk() {
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
        String expectedPrev = AuditHash.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        long lastId = 0;
        while (expectedSeq <= head.seq()) {
            List<AuditEntry> batch = jdbc.sql(AuditEntryRows.SELECT + " WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?")
                    .params(expectedSeq, head.seq(), BATCH).query(rows).list();
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEntry entry : batch) {
                if (entry.seq() != expectedSeq) {
                    return ChainVerification.brokenAt(entry.id(), checked, "missing");
                }
                if (!entry.prevHash().equals(expectedPrev)) {
                    return ChainVerification.brokenAt(entry.id(), checked, "prev-hash");
                }
                if (!AuditHash.of(entry, expectedPrev).equals(entry.hash())) {
                    return ChainVerification.brokenAt(entry.id(), checked, "content");
                }
                expectedPrev = entry.hash();
                expectedSeq++;
                checked++;
                lastId = entry.id();
            }
        }
        if (expectedSeq <= head.seq() || !head.hash().equals(expectedPrev)) {
            return ChainVerification.brokenAt(lastId, checked, "missing-after");
        }
        return ChainVerification.intact(checked);
    }

    private record Head(long seq, String hash) {
    }
}
