package cn.np700.portal.compliance.report;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.calendar.PlatformCalendar;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The monthly compliance figures per tenant, read straight from the tables that hold them. */
@Component
class ComplianceReportQueries {

    private static final String SELECT = """
            SELECT t.id, t.name,
              (SELECT COUNT(*) FROM pool_number_use p WHERE p.tenant_id = t.id) AS held,
              (SELECT COUNT(*) FROM pool_number_use p WHERE p.tenant_id = t.id AND p.ever_bound = TRUE) AS ever_bound,
              (SELECT COUNT(*) FROM number_block_holder nb WHERE nb.tenant_id = t.id AND nb.status = 'ALLOCATED') AS blocks,
              (SELECT COUNT(*) FROM binding_created b WHERE b.tenant_id = t.id
                 AND b.created_at >= :fromTime AND b.created_at < :toTime) AS bindings,
              (SELECT COALESCE(SUM(c.calls), 0) FROM call_daily_tenant_counts c WHERE c.tenant_id = t.id
                 AND c.day >= :fromDay AND c.day < :toDay) AS calls,
              (SELECT COALESCE(SUM(c.answered), 0) FROM call_daily_tenant_counts c WHERE c.tenant_id = t.id
                 AND c.day >= :fromDay AND c.day < :toDay) AS answered,
              (SELECT COUNT(*) FROM complaint k WHERE k.tenant_id = t.id
                 AND k.created_at >= :fromTime AND k.created_at < :toTime) AS complaints,
              (SELECT COUNT(*) FROM risk_alert_outcome a WHERE a.tenant_id = t.id
                 AND a.created_at >= :fromTime AND a.created_at < :toTime) AS alerts,
              (SELECT COUNT(*) FROM risk_alert_outcome a WHERE a.tenant_id = t.id AND a.status = 'ACTED'
                 AND a.created_at >= :fromTime AND a.created_at < :toTime) AS acted,
              (SELECT COUNT(*) FROM consent_record c WHERE c.tenant_id = t.id
                 AND c.recorded_at >= :fromTime AND c.recorded_at < :toTime) AS consents_recorded,
              (SELECT COUNT(*) FROM consent_record c WHERE c.tenant_id = t.id
                 AND c.withdrawn_at >= :fromTime AND c.withdrawn_at < :toTime) AS consents_withdrawn,
              (SELECT COUNT(*) FROM consent_record c WHERE c.tenant_id = t.id AND c.recorded_at < :toTime
                 AND (c.withdrawn_at IS NULL OR c.withdrawn_at >= :toTime)) AS consents_in_force
            FROM tenant_profile t""";

    private final JdbcClient jdbc;
    private final PlatformCalendar calendar;

    ComplianceReportQueries(JdbcClient jdbc, PlatformCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    /** Every tenant, sorted by name. */
    List<ComplianceReportRow> allTenants(ComplianceMonth month) {
        return bind(jdbc.sql(SELECT + " ORDER BY t.name, t.id"), month).query(ComplianceReportQueries::row).list();
    }

    /** One tenant's row (empty only if the tenant does not exist). */
    List<ComplianceReportRow> tenant(TenantId tenant, ComplianceMonth month) {
        return bind(jdbc.sql(SELECT + " WHERE t.id = :tenant"), month).param("tenant", tenant)
                .query(ComplianceReportQueries::row).list();
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, ComplianceMonth month) {
        return spec.param("fromTime", Timestamp.from(month.start(calendar.zone())))
                .param("toTime", Timestamp.from(month.end(calendar.zone())))
                .param("fromDay", Date.valueOf(month.firstDay()))
                .param("toDay", Date.valueOf(month.nextFirstDay()));
    }

    private static ComplianceReportRow row(ResultSet rs, int n) throws SQLException {
        return new ComplianceReportRow(TenantId.of(rs.getLong("id")), rs.getString("name"), rs.getLong("held"),
                rs.getLong("ever_bound"), rs.getLong("blocks"), rs.getLong("bindings"), rs.getLong("calls"),
                rs.getLong("answered"), rs.getLong("complaints"), rs.getLong("alerts"), rs.getLong("acted"),
                rs.getLong("consents_recorded"), rs.getLong("consents_withdrawn"), rs.getLong("consents_in_force"));
    }
}
