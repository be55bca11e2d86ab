package cn.np700.portal.bindings.rules;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.rules.BindingRefusedException.Problem;
import cn.np700.portal.consent.ConsentGate;
import cn.np700.portal.consent.ConsentInput;
import cn.np700.portal.scope.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Inside a creating (or B-changing) transaction, before any binding row: the parties that need consent take theirs
 * (recording the consents sent with the request first), in the same statement that checks every party against the
 * blacklists. When that fails, the blacklist is named first, then each party without consent (NO_CONSENT), and the
 * caller's transaction rolls back: nothing is written.
 */
@Component
public class ConsentChecks {

    private final ConsentGate gate;
    private final PartyChecks parties;

    ConsentChecks(ConsentGate gate, PartyChecks parties) {
        this.gate = gate;
        this.parties = parties;
    }

    /**
     * @param sealed every party by field as sealed (null values for parties not given), {@code typed} the same as typed
     *               (to name a blacklisted one), {@code needConsent} the fields that need consent, {@code sent} the
     *               consents sent with the request by field
     */
    public void require(TenantId tenant, Map<String, SealedNumber> sealed, Map<String, String> typed,
            List<String> needConsent, Map<String, ConsentInput.Checked> sent, Actor by, Instant now) {
        Map<String, SealedNumber> consented = new LinkedHashMap<>();
        needConsent.forEach(field -> consented.put(field, sealed.get(field)));
        if (!sent.isEmpty()) {
            gate.recordSent(tenant, consented.entrySet().stream().map(party -> new ConsentGate.Party(party.getKey(),
                    party.getValue().cipher(), party.getValue().hash(), party.getValue().masked(),
                    sent.get(party.getKey()))).toList(), by.name(), now);
        }
        List<byte[]> hashes = consented.values().stream().map(SealedNumber::hash).toList();
        List<byte[]> listed = sealed.values().stream().filter(Objects::nonNull).map(SealedNumber::hash).toList();
        if (gate.take(tenant, hashes, listed, now)) {
            return;
        }
        parties.requireNotBlacklisted(tenant, typed);
        List<byte[]> lacking = gate.withoutConsent(tenant, hashes);
        List<Problem> problems = new ArrayList<>();
        consented.forEach((field, number) -> {
            if (lacking.stream().anyMatch(hash -> Arrays.equals(hash, number.hash()))) {
                problems.add(new Problem(RefusalCode.NO_CONSENT, field, "binding.noConsent", new Object[] {number.masked()}));
            }
        });
        if (problems.isEmpty()) {
            problems.add(new Problem(RefusalCode.NO_CONSENT, null, "binding.noConsent.any", new Object[0]));
        }
        throw new BindingRefusedException(problems);
    }
}
