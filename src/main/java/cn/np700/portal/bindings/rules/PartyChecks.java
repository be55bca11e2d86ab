package cn.np700.portal.bindings.rules;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.rules.BindingRefusedException.Problem;
import cn.np700.portal.blacklist.Blacklist;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.Verification;
import cn.np700.portal.verification.VerificationOutcome;
import cn.np700.portal.verification.VerificationSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Every real party of a binding must hold a current VERIFIED result of the tenant. The API verifies a number that has
 * none on the spot; the portal instead says which number needs checking.
 */
@Component
public class PartyChecks {

    private final RealNameVerification verification;
    private final Blacklist blacklist;

    PartyChecks(RealNameVerification verification, Blacklist blacklist) {
        this.verification = verification;
        this.blacklist = blacklist;
    }

    /** No party may be on the platform's blacklist or the tenant's own. */
    public void requireNotBlacklisted(TenantId tenantId, Map<String, String> parties) {
        List<String> listed = blacklist.listedFor(tenantId, new ArrayList<>(parties.values()));
        List<Problem> problems = new ArrayList<>();
        parties.forEach((field, number) -> {
            if (number != null && listed.contains(number)) {
                problems.add(new Problem(RefusalCode.BLACKLISTED, field, "binding.blacklisted",
                        new Object[] {PhoneNumbers.maskMobile(number)}));
            }
        });
        if (!problems.isEmpty()) {
            throw new BindingRefusedException(problems);
        }
    }

    /** Whether every number given ({@code parties}: field name to normalised number) is verified, in one read. */
    public boolean allVerified(TenantId tenantId, Map<String, String> parties) {
        List<String> numbers = parties.values().stream().filter(Objects::nonNull).toList();
        return verification.verifiedAmong(tenantId, numbers).containsAll(numbers);
    }

    /** {@code parties}: field name to normalised number, for the numbers given. */
    public void requireVerified(TenantId tenantId, Map<String, String> parties, Actor by, boolean verifyOnTheSpot) {
        List<Problem> problems = new ArrayList<>();
        Set<String> verified = verification.verifiedAmong(tenantId,
                parties.values().stream().filter(Objects::nonNull).toList());
        if (verifyOnTheSpot && parties.values().stream().anyMatch(n -> n != null && !verified.contains(n))) {
            // the blacklists are otherwise checked with the consents, in the creating transaction; a verifier is not
            // asked about a number that would be refused anyway
            requireNotBlacklisted(tenantId, parties);
        }
        for (Map.Entry<String, String> party : parties.entrySet()) {
            String number = party.getValue();
            if (number == null || verified.contains(number)) {
                continue;
            }
            String masked = PhoneNumbers.maskMobile(number);
            if (!verifyOnTheSpot) {
                problems.add(new Problem(RefusalCode.NOT_VERIFIED, party.getKey(), "binding.notVerified", new Object[] {masked}));
                continue;
            }
            Verification done = verification.check(tenantId, by.name(), VerificationSource.API,
                    new RealNameVerification.Subject(number, null, null));
            if (done.outcome() != VerificationOutcome.VERIFIED) {
                problems.add(new Problem(RefusalCode.NOT_VERIFIED, party.getKey(), "binding.notVerified.outcome",
                        new Object[] {masked, done.outcome().name()}));
            }
        }
        if (!problems.isEmpty()) {
            throw new BindingRefusedException(problems);
        }
    }

    public static Map<String, String> of(BindingRequest request) {
        Map<String, String> parties = new LinkedHashMap<>();
        parties.put("a", request.a());
        parties.put("b", request.b());
        parties.put("n", request.n());
        return parties;
    }
}
