package cn.np700.portal.risk.rules;

import cn.np700.portal.risk.RiskRuleCode;
import org.springframework.data.repository.ListCrudRepository;

interface StoredRiskRules extends ListCrudRepository<StoredRiskRule, RiskRuleCode> {
}
