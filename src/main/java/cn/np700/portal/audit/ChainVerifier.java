package cn.np700.portal.audit;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Links what has committed so far, then walks the chain in order, in bounded batches, recomputing every hash. */
@Component
class ChainVerifier {

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
    }

    ChainVerification verify() {
        chainer.chainPending();
        return readOnly.execute(status -> walk());
    }

    private ChainVerification walk() {
        String expectedPrev = AuditHash.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        long lastId = 0;
        while (true) {
            List<AuditEntry> batch = jdbc.sql(AuditEntryRows.SELECT + " WHERE seq >= ? ORDER BY seq LIMIT ?")
                    .params(expectedSeq, BATCH).query(rows).list();
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
        String headHash = jdbc.sql("SELECT last_hash FROM audit_chain_head WHERE id = 1").query(String.class).single();
        if (!headHash.equals(expectedPrev)) {
            return ChainVerification.brokenAt(lastId, checked, "missing-after");
        }
        return ChainVerification.intact(checked);
    }
}
