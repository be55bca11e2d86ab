package cn.np700.portal.audit;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Walks the chain in order, in bounded batches, recomputing every hash. */
@Component
class ChainVerifier {

    private static final int BATCH = 2_000;

    private final JdbcClient jdbc;
    private final AuditEntryRows rows;

    ChainVerifier(JdbcClient jdbc, AuditEntryRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Transactional(readOnly = true)
    ChainVerification verify() {
        String expectedPrev = AuditHash.GENESIS;
        long expectedSeq = 1;
        long checked = 0;
        while (true) {
            List<AuditEntry> batch = jdbc.sql(AuditEntryRows.SELECT + " WHERE seq >= ? ORDER BY seq LIMIT ?")
                    .params(expectedSeq, BATCH).query(rows).list();
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEntry entry : batch) {
                if (entry.seq() != expectedSeq) {
                    return ChainVerification.brokenAt(expectedSeq, checked, "missing");
                }
                if (!entry.prevHash().equals(expectedPrev)) {
                    return ChainVerification.brokenAt(entry.seq(), checked, "prev-hash");
                }
                if (!AuditHash.of(entry, expectedPrev).equals(entry.hash())) {
                    return ChainVerification.brokenAt(entry.seq(), checked, "content");
                }
                expectedPrev = entry.hash();
                expectedSeq++;
                checked++;
            }
        }
        String headHash = jdbc.sql("SELECT last_hash FROM audit_chain_head WHERE id = 1").query(String.class).single();
        if (!headHash.equals(expectedPrev)) {
            return ChainVerification.brokenAt(expectedSeq, checked, "missing");
        }
        return ChainVerification.intact(checked);
    }
}
