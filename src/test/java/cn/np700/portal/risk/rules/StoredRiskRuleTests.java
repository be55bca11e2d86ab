package cn.np700.portal.risk.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.np700.portal.risk.RiskRuleCode;
import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A rule's settings are an aggregate: a save read before another operator's change is refused, not written over it. */
@PortalIntegrationTest
class StoredRiskRuleTests {

    @Autowired
    RiskRules rules;
    @Autowired
    StoredRiskRules stored;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSaveReadBeforeAnotherChangeIsRefusedAndTheOtherChangeStays() {
        RiskRule original = rules.get(RiskRuleCode.HOARDING);
        StoredRiskRule readEarly = stored.findById(RiskRuleCode.HOARDING).orElseThrow();
        try {
            rules.update(new RiskRule(original.code(), original.enabled(), original.autoSuspend(), original.threshold() + 1,
                    original.volume(), original.severity()));

            RiskRule stale = new RiskRule(original.code(), !original.enabled(), original.autoSuspend(), original.threshold(),
                    original.volume(), original.severity());
            assertThatThrownBy(() -> stored.save(readEarly.changedTo(stale)))
                    .isInstanceOf(OptimisticLockingFailureException.class);

            RiskRule now = rules.get(RiskRuleCode.HOARDING);
            assertThat(now.threshold()).isEqualTo(original.threshold() + 1);
            assertThat(now.enabled()).isEqualTo(original.enabled());
        } finally {
            rules.update(original);
        }
    }

    @Test
    void aChangeKeepsTheSeverityAndIsAuditedWithItsBeforeAndAfter() {
        RiskRule original = rules.get(RiskRuleCode.LOW_ANSWER);
        long audited = audits();
        try {
            rules.update(new RiskRule(original.code(), original.enabled(), original.autoSuspend(), original.threshold(),
                    original.volume() + 1, "LOW"));

            RiskRule now = rules.get(RiskRuleCode.LOW_ANSWER);
            assertThat(now.volume()).isEqualTo(original.volume() + 1);
            assertThat(now.severity()).isEqualTo(original.severity());
            assertThat(audits()).isEqualTo(audited + 1);
            assertThat(jdbc.sql("SELECT details FROM audit_entry WHERE action = 'RISK_RULE_CHANGED' AND target_id = 'LOW_ANSWER' "
                            + "ORDER BY id DESC LIMIT 1").query(String.class).single())
                    .contains("volume=" + original.volume()).contains("volume=" + (original.volume() + 1));
        } finally {
            rules.update(original);
        }
    }

    @Test
    void theRulesAreListedInTheirCodesOrder() {
        assertThat(rules.all()).extracting(RiskRule::code).containsExactly(RiskRuleCode.values());
    }

    private long audits() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'RISK_RULE_CHANGED' AND target_id = 'LOW_ANSWER'")
                .query(Long.class).single();
    }
}
