package cn.np700.portal.numbers.requests;

import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.NumbersAudit;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.BusinessCategory;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An enterprise admin submits a request for blocks, or withdraws it while no operator has decided. */
@Service
public class RequestSubmission {

    // hand-written: withdrawing is one conditional UPDATE on the status, racing an operator's decision
    private final JdbcClient jdbc;
    private final NumberRequests requests;
    private final Quotas quotas;
    private final TenantDirectory tenants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RequestSubmission(JdbcClient jdbc, NumberRequests requests, Quotas quotas, TenantDirectory tenants,
            ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.quotas = quotas;
        this.tenants = tenants;
        this.events = events;
        this.clock = clock;
    }

    /** The checks beyond the form's own: the scenario is a category and the count fits the remaining quota. */
    static String problemWithBlocks(int blocks, TenantQuota quota) {
        if (blocks < 1) {
            return "request.blocks.min";
        }
        return blocks > quota.blocksRemaining() ? "request.blocks.overQuota" : null;
    }

    static boolean knownScenario(String scenario) {
        for (BusinessCategory c : BusinessCategory.values()) {
            if (c.name().equals(scenario)) {
                return true;
            }
        }
        return false;
    }

    @RetryOnTransientFailure
    @Transactional
    public long submit(CurrentUser user, RequestForm form) {
        TenantId tenantId = user.tenant();
        if (!tenants.find(tenantId).orElseThrow().active()) {
            throw new NumberRuleException("request.tenantInactive");
        }
        // the form checks these for the page; the use case holds them for every caller
        if (!knownScenario(form.scenario())) {
            throw new NumberRuleException("category.invalid");
        }
        String justification = form.justification() == null ? "" : form.justification().trim();
        if (justification.length() < 20 || justification.length() > 2000) {
            throw new NumberRuleException("Size.justification");
        }
        int blocks = form.blocksValue();
        TenantQuota quota = quotas.of(tenantId);
        String problem = problemWithBlocks(blocks, quota);
        if (problem != null) {
            throw new NumberRuleException(problem, quota.blocksRemaining(), quota.maxBlocks(), quota.blocksHeld());
        }
        Instant now = clock.instant();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO number_request (tenant_id, blocks_requested, scenario, expected_daily_bindings, justification,
                    status, submitted_by, submitted_at)
                VALUES (?, ?, ?, ?, ?, 'SUBMITTED', ?, ?)""")
                .params(tenantId, blocks, form.scenario(), form.expectedDailyBindingsValue(), justification,
                        user.username(), Timestamp.from(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        requests.step(id, now, "SUBMITTED", user.username(), blocks, null);
        events.publishEvent(NumbersAudit.of("NUMBER_REQUEST_SUBMITTED", "NUMBER_REQUEST", Long.toString(id), tenantId,
                Map.of("blocks", blocks, "scenario", form.scenario())));
        return id;
    }

    /** Only the tenant's own open request; another tenant's id is not found, a decided one is refused. */
    @RetryOnTransientFailure
    @Transactional
    void withdraw(CurrentUser user, long requestId) {
        TenantId tenantId = user.tenant();
        requests.findOfTenant(tenantId, requestId).orElseThrow(() -> new NotFoundException("request " + requestId));
        int changed = jdbc.sql("UPDATE number_request SET status = 'WITHDRAWN', decided_by = ?, decided_at = ?, version = version + 1 "
                        + "WHERE id = ? AND tenant_id = ? AND status = 'SUBMITTED'")
                .params(user.username(), Timestamp.from(clock.instant()), requestId, tenantId)
                .update();
        if (changed == 0) {
            throw new NumberRuleException("request.notOpen");
        }
        requests.step(requestId, clock.instant(), "WITHDRAWN", user.username(), null, null);
        events.publishEvent(NumbersAudit.of("NUMBER_REQUEST_WITHDRAWN", "NUMBER_REQUEST", Long.toString(requestId),
                tenantId, Map.of()));
    }
}
