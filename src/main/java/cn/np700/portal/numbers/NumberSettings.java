package cn.np700.portal.numbers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How number resources behave: the platform's default quotas, how long released blocks cool, from how many
 * blocks a request needs a second operator's approval, and over how long an operator's single approvals for one
 * enterprise add up against that threshold.
 */
@ConfigurationProperties("portal.numbers")
public record NumberSettings(@DefaultValue("30d") Duration coolingPeriod, @DefaultValue("10") int fourEyesThreshold,
        @DefaultValue("30d") Duration fourEyesWindow, @DefaultValue QuotaLimits defaults) {

    /** The platform defaults that a tenant's own quota overrides field by field. */
    public record QuotaLimits(@DefaultValue("20") int maxBlocks, @DefaultValue("200000") int maxActiveBindings,
            @DefaultValue("500000") int maxNewBindingsPerDay, @DefaultValue("1000") int maxPairsPerX,
            @DefaultValue("7d") Duration maxBindingLifetime, @DefaultValue("50") int maxBPerAPerDay) {
    }
}
