package cn.np700.portal.risk;

import cn.np700.portal.risk.alerts.RiskAlerts;
import java.util.List;
import org.springframework.stereotype.Component;

/** What other modules may ask about risk alerts on one 700 number. */
@Component
public class NumberAlerts {

    private final RiskAlerts alerts;

    NumberAlerts(RiskAlerts alerts) {
        this.alerts = alerts;
    }

    public List<RiskAlert> about(long x, int limit) {
        return alerts.aboutX(x, limit);
    }
}
