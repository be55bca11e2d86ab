package cn.np700.portal.consent;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What binding creation asks of consent, inside its own transaction: record the consents sent with the request, then
 * take the parties' consents in force by one conditional UPDATE. The rows it takes stay locked until the creation
 * commits, so a withdrawal that committed first leaves nothing to take (the creation is refused), and one that comes
 * after waits for the creation and then finds its binding (and ends it). On Galera, the two write the same row, so
 * one of them fails certification and runs again.
 */
@Component
public class ConsentGate {

    private final ConsentStore store;
    private final ApplicationEventPublisher events;

    ConsentGate(ConsentStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    /** A party's number as the ledger seals it, and the consent sent with it (null for none). */
    public record Party(String field, byte[] cipher, byte[] hash, String masked, ConsentInput.Checked inline) {
    }

    /** Records each party's consent sent with the request, unless one is in force already; each recorded is audited. */
    @RetryOnTransientFailure
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordSent(TenantId tenant, List<Party> parties, String by, Instant now) {
        for (Party party : parties) {
            if (party.inline() == null) {
                continue;
            }
            store.insertIfNone(tenant, party.cipher(), party.hash(), party.masked(), party.inline(), now, by)
                    .ifPresent(id -> events.publishEvent(Consents.recorded(id, tenant, party.masked(), party.inline(),
                            "BINDING_REQUEST", null)));
        }
    }

    /**
     * Takes the consents in force of {@code consented} (their rows locked until the caller's transaction ends); false
     * when one of them has none, or one of {@code listed} is blacklisted. One statement for both rules.
     */
    @RetryOnTransientFailure
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean take(TenantId tenant, List<byte[]> consented, List<byte[]> listed, Instant now) {
        return store.take(tenant, consented, listed, now) == consented.size();
    }

    /** Of these hashes, those without a consent in force: after {@link #take} failed, which party to name. */
    public List<byte[]> withoutConsent(TenantId tenant, List<byte[]> hashes) {
        Set<String> inForce = store.inForceAmong(tenant, hashes);
        return hashes.stream().filter(h -> !inForce.contains(HexFormat.of().formatHex(h))).toList();
    }
}
