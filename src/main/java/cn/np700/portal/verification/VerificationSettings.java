package cn.np700.portal.verification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * portal.verification: which verifier answers (the simulator, or the carrier's service over HTTP), how long a
 * VERIFIED result stays valid, and the simulator's documented rules.
 */
@ConfigurationProperties("portal.verification")
public record VerificationSettings(@DefaultValue("simulator") String provider, @DefaultValue("90d") Duration validFor,
        @DefaultValue Simulator simulator) {

    /**
     * The simulator answers by the number's first digits: UNREGISTERED, MISMATCH (only when a name and ID number are
     * given; without them such a number is VERIFIED) or ERROR; every other valid mobile number is VERIFIED.
     */
    public record Simulator(@DefaultValue({"1700", "1710"}) List<String> unregisteredPrefixes,
            @DefaultValue("1999") List<String> mismatchPrefixes, @DefaultValue("1998") List<String> errorPrefixes) {
    }
}
