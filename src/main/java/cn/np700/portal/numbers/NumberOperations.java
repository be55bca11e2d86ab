package cn.np700.portal.numbers;

import cn.np700.portal.numbers.inventory.DisplayDays;
import cn.np700.portal.numbers.inventory.ImportLine;
import cn.np700.portal.numbers.inventory.InventoryImport;
import cn.np700.portal.numbers.quotas.QuotaOverrides;
import cn.np700.portal.numbers.requests.RequestForm;
import cn.np700.portal.numbers.requests.RequestSubmission;
import cn.np700.portal.numbers.review.RequestDecisions;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The number use cases (import, request, decision, quota) for a caller that acts as a given user outside a web
 * request, as scripted data loads do, with what such a load asks before it loads.
 */
@Component
public class NumberOperations {

    private final JdbcClient jdbc;
    private final InventoryImport imports;
    private final RequestSubmission submission;
    private final RequestDecisions decisions;
    private final Quotas quotas;
    private final DisplayDays days;

    NumberOperations(JdbcClient jdbc, InventoryImport imports, RequestSubmission submission,
            RequestDecisions decisions, Quotas quotas, DisplayDays days) {
        this.jdbc = jdbc;
        this.imports = imports;
        this.submission = submission;
        this.decisions = decisions;
        this.quotas = quotas;
        this.days = days;
    }

    /** A range of codes ("first-last") granted by the ministry under a reference on a day. */
    public record Grant(String codes, String grantRef, LocalDate granted) {
    }

    /** The platform's today, in its calendar. */
    public LocalDate today() {
        return days.today();
    }

    public boolean anythingImported() {
        return jdbc.sql("SELECT COUNT(*) FROM block_import").query(Long.class).single() > 0;
    }

    public boolean blockExists(long code) {
        return jdbc.sql("SELECT COUNT(*) FROM number_block WHERE code = ?").param(code).query(Long.class).single() > 0;
    }

    public boolean blockHeldBy(long code, TenantId tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM number_block WHERE code = ? AND tenant_id = ?").params(code, tenant)
                .query(Long.class).single() > 0;
    }

    /** How many numbers the tenant's pool holds. */
    public long poolSize(TenantId tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE tenant_id = ?").param(tenant).query(Long.class).single();
    }

    /** Imports the grants as one import of lines 1..n, as a CSV would. */
    public void importGrants(List<Grant> grants) {
        List<ImportLine> lines = new ArrayList<>();
        for (Grant grant : grants) {
            lines.add(new ImportLine(lines.size() + 1, grant.codes(), grant.grantRef(), grant.granted().toString()));
        }
        imports.run(lines, InventoryImport.Source.CSV);
    }

    /** The enterprise user's request for blocks; its id. */
    public long request(CurrentUser by, int blocks, String scenario, long expectedDailyBindings, String justification) {
        return submission.submit(by, new RequestForm(Integer.toString(blocks), scenario,
                Long.toString(expectedDailyBindings), justification));
    }

    /**
     * An operator's approval of {@code blocks} blocks, the given codes or (null) any; true when it was the first of
     * the two approvals the request needs.
     */
    public boolean approve(CurrentUser operator, long requestId, int blocks, List<Long> codes) {
        return decisions.approve(operator, requestId, blocks, codes) == RequestDecisions.Outcome.FIRST_APPROVAL_RECORDED;
    }

    public void reject(CurrentUser operator, long requestId, String reason) {
        decisions.reject(operator, requestId, reason);
    }

    /** The tenant's own limits, as an operator sets them for an enterprise of its size. */
    public void setLimits(TenantId tenant, int maxBlocks, int maxActiveBindings, int maxNewBindingsPerDay,
            Duration maxBindingLifetime, int maxBPerAPerDay) {
        quotas.change(tenant, new QuotaOverrides(maxBlocks, maxActiveBindings, maxNewBindingsPerDay, null,
                (int) maxBindingLifetime.toMinutes(), maxBPerAPerDay, 0));
    }
}
