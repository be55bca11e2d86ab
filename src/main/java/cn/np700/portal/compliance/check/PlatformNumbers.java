package cn.np700.portal.compliance.check;

import cn.np700.portal.numbers.NumberDirectory;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.tenancy.TenantFacts;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Answers whether a 15-digit number is a 700 number of this platform's inventory, and who holds it now. */
@Component
public class PlatformNumbers {

    private final NumberDirectory numbers;
    private final TenantDirectory tenants;

    PlatformNumbers(NumberDirectory numbers, TenantDirectory tenants) {
        this.numbers = numbers;
        this.tenants = tenants;
    }

    /** The number, when it lies in a block the platform was granted. */
    public Optional<UsageNumber> ofPlatform(String digits) {
        Optional<UsageNumber> number = UsageNumber.parse(digits);
        return number.filter(n -> !numbers.knownBlocks(List.of(n.block().value())).isEmpty());
    }

    public Optional<Long> holder(long number) {
        return Optional.ofNullable(numbers.holders(List.of(number)).get(number));
    }

    CheckAnswer check(String digits) {
        Optional<UsageNumber> number = ofPlatform(digits);
        if (number.isEmpty()) {
            return new CheckAnswer(CheckAnswer.Verdict.NOT_PLATFORM, digits, null, null);
        }
        String display = number.get().display();
        Optional<TenantFacts> holder = holder(number.get().value()).map(TenantId::of).flatMap(tenants::find);
        return holder.map(t -> new CheckAnswer(CheckAnswer.Verdict.ALLOCATED, display, t.name(), t.category()))
                .orElseGet(() -> new CheckAnswer(CheckAnswer.Verdict.UNALLOCATED, display, null, null));
    }
}
