package cn.np700.portal.numbers.review;

import cn.np700.portal.numbers.NumberSettings;
import cn.np700.portal.scope.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Four eyes on the total: the blocks one operator allocated to one enterprise alone within the window count together
 * against the four-eyes threshold, so that 6 + 5 blocks cannot slip past a threshold of 10 in two requests.
 *
 * <p>Two approvals by the same operator for the same enterprise at once must not both see the other's blocks
 * missing. Each writes the same {@code solo_approval_guard} row before it sums the window: on one node the second
 * waits for the first's commit and then (read committed) sums what it committed; across Galera nodes the second
 * fails certification at commit and is retried, which sums again.
 */
@Component
class SoloApprovals {

    private final JdbcClient jdbc;
    private final NumberSettings settings;

    SoloApprovals(JdbcClient jdbc, NumberSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** What an approval of {@code blocks} would make of the approver's total, without holding anything. */
    Total preview(TenantId tenantId, long approverId, int blocks, Instant now) {
        return new Total(earlier(tenantId, approverId, now), blocks, settings.fourEyesThreshold());
    }

    /** The same, taken in the approval's transaction after writing the guard row: the figure the decision rests on. */
    Total claim(TenantId tenantId, long approverId, int blocks, Instant now) {
        jdbc.sql("INSERT INTO solo_approval_guard (tenant_id, approver_id, approvals) VALUES (?, ?, 1) "
                        + "ON DUPLICATE KEY UPDATE approvals = approvals + 1")
                .params(tenantId, approverId).update();
        return preview(tenantId, approverId, blocks, now);
    }

    void record(long requestId, TenantId tenantId, long approverId, int blocks, Instant at) {
        jdbc.sql("INSERT INTO solo_approval (request_id, tenant_id, approver_id, blocks, approved_at) VALUES (?, ?, ?, ?, ?)")
                .params(requestId, tenantId, approverId, blocks, Timestamp.from(at)).update();
    }

    int threshold() {
        return settings.fourEyesThreshold();
    }

    long windowDays() {
        return settings.fourEyesWindow().toDays();
    }

    private int earlier(TenantId tenantId, long approverId, Instant now) {
        return jdbc.sql("SELECT COALESCE(SUM(blocks), 0) FROM solo_approval "
                        + "WHERE tenant_id = ? AND approver_id = ? AND approved_at > ?")
                .params(tenantId, approverId, Timestamp.from(now.minus(settings.fourEyesWindow())))
                .query(Integer.class).single();
    }

    /** The approver's earlier single approvals in the window, this one, and the threshold their sum is held to. */
    record Total(int earlier, int blocks, int threshold) {

        int sum() {
            return earlier + blocks;
        }

        /** Only earlier approvals can tip it: a request above the threshold on its own takes two approvals anyway. */
        boolean needsSecondApprover() {
            return earlier > 0 && sum() > threshold;
        }

        /** "6 + 5 = 11 > 10": the same in every language. */
        String figures() {
            return earlier + " + " + blocks + " = " + sum() + " > " + threshold;
        }
    }
}
