package cn.np700.portal.numbers;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Suspends and restores a single number or a whole allocated block, with a reason. A suspended number takes no new
 * binding. A number suspended on its own stays suspended when its block is restored, and the reverse.
 */
@Service
public class NumberSuspensions {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NumberSuspensions(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void suspendNumber(UsageNumber number, String reason) {
        String why = reason(reason);
        Long tenant = holder(number);
        int changed = jdbc.sql("UPDATE pool_number SET status = 'SUSPENDED', suspended_reason = ? WHERE number = ? AND status <> 'SUSPENDED'")
                .params(why, number.value()).update();
        if (changed == 0) {
            throw new NumberRuleException("suspend.already");
        }
        events.publishEvent(NumbersAudit.of("NUMBER_SUSPENDED", "NUMBER", number.digits(), tenant, Map.of("reason", why)));
    }

    @Transactional
    public void restoreNumber(UsageNumber number, String reason) {
        String why = reason(reason);
        Long tenant = holder(number);
        int changed = jdbc.sql("""
                UPDATE pool_number SET suspended_reason = NULL, status = CASE WHEN EXISTS (
                    SELECT 1 FROM number_block b WHERE b.code = ? AND b.suspended_reason IS NOT NULL)
                    THEN 'BLOCK_SUSPENDED' ELSE 'AVAILABLE' END
                WHERE number = ? AND status = 'SUSPENDED'""")
                .params(number.block().value(), number.value()).update();
        if (changed == 0) {
            throw new NumberRuleException("restore.notSuspended");
        }
        events.publishEvent(NumbersAudit.of("NUMBER_UNSUSPENDED", "NUMBER", number.digits(), tenant, Map.of("reason", why)));
    }

    @Transactional
    public void suspendBlock(BlockCode code, String reason) {
        String why = reason(reason);
        Long tenant = blockHolder(code);
        int changed = jdbc.sql("UPDATE number_block SET suspended_reason = ?, updated_at = ? WHERE code = ? AND status = 'ALLOCATED' AND suspended_reason IS NULL")
                .params(why, Timestamp.from(clock.instant()), code.value()).update();
        if (changed == 0) {
            throw new NumberRuleException("suspend.already");
        }
        jdbc.sql("UPDATE pool_number SET status = 'BLOCK_SUSPENDED' WHERE number BETWEEN ? AND ? AND status = 'AVAILABLE'")
                .params(code.firstNumber(), code.lastNumber()).update();
        events.publishEvent(NumbersAudit.of("BLOCK_SUSPENDED", "NUMBER_BLOCK", code.digits(), tenant, Map.of("reason", why)));
    }

    @Transactional
    public void restoreBlock(BlockCode code, String reason) {
        String why = reason(reason);
        Long tenant = blockHolder(code);
        int changed = jdbc.sql("UPDATE number_block SET suspended_reason = NULL, updated_at = ? WHERE code = ? AND status = 'ALLOCATED' AND suspended_reason IS NOT NULL")
                .params(Timestamp.from(clock.instant()), code.value()).update();
        if (changed == 0) {
            throw new NumberRuleException("restore.notSuspended");
        }
        jdbc.sql("UPDATE pool_number SET status = 'AVAILABLE' WHERE number BETWEEN ? AND ? AND status = 'BLOCK_SUSPENDED'")
                .params(code.firstNumber(), code.lastNumber()).update();
        events.publishEvent(NumbersAudit.of("BLOCK_UNSUSPENDED", "NUMBER_BLOCK", code.digits(), tenant, Map.of("reason", why)));
    }

    /** A block granted by mistake or withdrawn by the regulator leaves the inventory for good. */
    @Transactional
    void retire(BlockCode code, String reason) {
        String why = reason(reason);
        int changed = jdbc.sql("UPDATE number_block SET status = 'RETIRED', cooling_until = NULL, updated_at = ? "
                        + "WHERE code = ? AND status IN ('IN_INVENTORY', 'COOLING')")
                .params(Timestamp.from(clock.instant()), code.value()).update();
        if (changed == 0) {
            throw new NumberRuleException("retire.notAllowed");
        }
        events.publishEvent(NumbersAudit.of("BLOCK_RETIRED", "NUMBER_BLOCK", code.digits(), null, Map.of("reason", why)));
    }

    private Long holder(UsageNumber number) {
        return jdbc.sql("SELECT tenant_id FROM pool_number WHERE number = ?").param(number.value()).query(Long.class)
                .optional().orElseThrow(() -> new NumberRuleException("number.notInPool", number.display()));
    }

    private Long blockHolder(BlockCode code) {
        return jdbc.sql("SELECT tenant_id FROM number_block WHERE code = ? AND status = 'ALLOCATED'").param(code.value())
                .query(Long.class).optional().orElseThrow(() -> new NumberRuleException("block.notAllocated", code.display()));
    }

    private static String reason(String typed) {
        String trimmed = typed == null ? "" : typed.trim();
        if (trimmed.isEmpty()) {
            throw new NumberRuleException("reason.required");
        }
        if (trimmed.length() > 500) {
            throw new NumberRuleException("reason.tooLong");
        }
        return trimmed;
    }
}
