package cn.np700.portal.seed.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.calls.routing.RouteRejections;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** After start-up with demo data, 快达 has two weeks of call records, matched and rolled up, and a few live ones. */
@PortalIntegrationTest
class TrafficDemoDataTests {

    @Autowired
    LoginAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RouteRejections rejections;

    @Test
    void kuaidaHasTwoWeeksOfMatchedCallRecordsAndDailyRollups() {
        long kuaida = accounts.find(TrafficDemoData.AGENT).orElseThrow().tenantId().value();

        Map<String, Object> history = jdbc.sql("""
                SELECT COUNT(*) AS n, SUM(match_status = 'MATCHED') AS matched,
                    COUNT(DISTINCT DATE(start_time)) AS days, SUM(result = 'ANSWERED') AS answered
                FROM call_record WHERE tenant_id = ? AND call_id LIKE 'DEMO-H-%'""")
                .param(kuaida).query().singleRow();
        long records = ((Number) history.get("n")).longValue();
        assertThat(records).isBetween(TrafficDemoData.HISTORY_CALLS * 7L / 10, (long) TrafficDemoData.HISTORY_CALLS);
        assertThat(((Number) history.get("matched")).longValue()).isEqualTo(records);
        assertThat(((Number) history.get("days")).longValue()).isGreaterThanOrEqualTo(12);
        assertThat(jdbc.sql("SELECT MIN(start_time) FROM call_record WHERE tenant_id = ? AND call_id LIKE 'DEMO-H-%'")
                .param(kuaida).query(Timestamp.class).single().toInstant()).isBefore(Instant.now().minus(Duration.ofDays(12)));
        assertThat(((Number) history.get("answered")).longValue()).isLessThan(records);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_daily_tenant WHERE tenant_id = ? AND calls > 0").param(kuaida)
                .query(Long.class).single()).isGreaterThanOrEqualTo(12);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT x) FROM call_daily WHERE tenant_id = ?").param(kuaida)
                .query(Long.class).single()).isGreaterThan(1);

        // a few calls of the last minutes, through the same paths
        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_record WHERE tenant_id = ? AND call_id LIKE 'DEMO-L-%' "
                + "AND start_time > ?").params(kuaida, Timestamp.from(Instant.now().minus(Duration.ofHours(6))))
                .query(Long.class).single()).isPositive();

        // routing refused some of the demo calls, and kept them like any other refusal
        rejections.flush();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM route_rejection WHERE tenant_id = ? AND call_id LIKE 'DEMO-%'")
                .param(kuaida).query(Long.class).single()).isPositive();
    }
}
