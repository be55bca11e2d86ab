package cn.np700.portal.numbers.allocation;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.TenantQuota;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands blocks to a tenant inside the caller's transaction: the quota counter and every block change hands by
 * conditional UPDATEs, so whatever the interleaving no block goes to two tenants and no tenant passes its quota.
 * Then the blocks' 10,000 numbers each enter the tenant's pool, in the same transaction.
 */
@Component
public class BlockAllocation {

    private final JdbcClient jdbc;
    private final Quotas quotas;
    private final ApplicationEventPublisher events;

    BlockAllocation(JdbcClient jdbc, Quotas quotas, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.quotas = quotas;
        this.events = events;
    }

    /** Thrown when another approval took one of the blocks first; an automatic choice may simply try again. */
    public static class BlocksTaken extends NumberRuleException {
        public BlocksTaken(List<Long> unavailable) {
            super("approve.blocksTaken", String.join(", ", unavailable.stream().map(c -> BlockCode.of(c).display()).toList()));
        }
    }

    public void allocate(TenantId tenantId, long requestId, List<Long> codes, Instant now) {
        if (!quotas.takeBlocks(tenantId, codes.size())) {
            TenantQuota quota = quotas.of(tenantId);
            throw new NumberRuleException("approve.overQuota", codes.size(), quota.blocksHeld(), quota.maxBlocks());
        }
        List<Long> sorted = new ArrayList<>(codes);
        Collections.sort(sorted);
        String in = String.join(",", Collections.nCopies(sorted.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(tenantId, requestId, Timestamp.from(now), Timestamp.from(now)));
        params.addAll(sorted);
        int moved = jdbc.sql("UPDATE number_block SET status = 'ALLOCATED', tenant_id = ?, request_id = ?, allocated_at = ?, "
                        + "updated_at = ?, cooling_until = NULL, suspended_reason = NULL WHERE status = 'IN_INVENTORY' AND code IN (" + in + ")")
                .params(params).update();
        if (moved != sorted.size()) {
            throw new BlocksTaken(unavailable(sorted, requestId));
        }
        List<Object> poolParams = new ArrayList<>();
        poolParams.add(tenantId);
        poolParams.addAll(sorted);
        jdbc.sql("INSERT INTO pool_number (number, tenant_id, status) SELECT b.code * 10000 + s.n, ?, 'AVAILABLE' "
                        + "FROM number_block b CROSS JOIN number_suffix s WHERE b.code IN (" + in + ")")
                .params(poolParams).update();
        for (Long code : sorted) {
            events.publishEvent(new BlockAllocated(code, tenantId, requestId));
        }
    }

    /** Which of the codes are neither in inventory nor already moved by this request's own allocation, as seen now. */
    public List<Long> unavailable(List<Long> codes, long requestId) {
        if (codes.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", Collections.nCopies(codes.size(), "?"));
        List<Object> params = new ArrayList<>(codes);
        params.add(requestId);
        List<Long> free = jdbc.sql("SELECT code FROM number_block WHERE code IN (" + in + ") "
                        + "AND (status = 'IN_INVENTORY' OR request_id = ?)")
                .params(params).query(Long.class).list();
        return codes.stream().filter(c -> !free.contains(c)).toList();
    }
}
