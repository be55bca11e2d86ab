package cn.np700.portal.bindings.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The (X, real number) slots of live bindings, whose primary key keeps each real number once per X. */
@Component
class Slots {

    private final JdbcClient jdbc;

    Slots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes all the slots in one INSERT, in the order given; none when one of them is held (the statement fails as a
     * whole on the primary key).
     */
    boolean claimAll(long x, List<byte[]> partyHashes, long bindingId, Instant expiresAt) {
        List<Object> params = new ArrayList<>();
        for (byte[] hash : partyHashes) {
            params.addAll(List.of(x, hash, bindingId, Timestamp.from(expiresAt)));
        }
        try {
            jdbc.sql("INSERT INTO binding_slot (x, party_hash, binding_id, expires_at) VALUES "
                            + String.join(", ", Collections.nCopies(partyHashes.size(), "(?, ?, ?, ?)")))
                    .params(params).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Takes the slot, or names the binding that holds it (it may have passed its expiry without being ended yet). */
    Optional<Long> claim(long x, byte[] partyHash, long bindingId, Instant expiresAt) {
        try {
            jdbc.sql("INSERT INTO binding_slot (x, party_hash, binding_id, expires_at) VALUES (?, ?, ?, ?)")
                    .params(x, partyHash, bindingId, Timestamp.from(expiresAt)).update();
            return Optional.empty();
        } catch (DuplicateKeyException e) {
            return Optional.of(jdbc.sql("SELECT binding_id FROM binding_slot WHERE x = ? AND party_hash = ?")
                    .params(x, partyHash).query(Long.class).optional().orElse(-1L));
        }
    }

    void release(long bindingId) {
        jdbc.sql("DELETE FROM binding_slot WHERE binding_id = ?").param(bindingId).update();
    }

    void releaseOne(long x, byte[] partyHash, long bindingId) {
        jdbc.sql("DELETE FROM binding_slot WHERE x = ? AND party_hash = ? AND binding_id = ?")
                .params(x, partyHash, bindingId).update();
    }

    void extend(long bindingId, Instant expiresAt) {
        jdbc.sql("UPDATE binding_slot SET expires_at = ? WHERE binding_id = ?").params(Timestamp.from(expiresAt), bindingId)
                .update();
    }
}
