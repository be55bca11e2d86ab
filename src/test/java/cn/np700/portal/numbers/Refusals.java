package cn.np700.portal.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The assertion every part's tests share: an action refused with this rule's message key. */
public final class Refusals {

    private Refusals() {
    }

    public static void assertRefused(Runnable action, String key) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(NumberRuleException.class,
                e -> assertThat(e.key()).isEqualTo(key));
    }
}
