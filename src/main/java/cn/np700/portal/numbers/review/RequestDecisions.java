package cn.np700.portal.numbers.review;

import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.NumberSettings;
import cn.np700.portal.numbers.NumbersAudit;
import cn.np700.portal.numbers.allocation.BlockAllocation;
import cn.np700.portal.numbers.allocation.BlockChooser;
import cn.np700.portal.numbers.requests.NumberRequest;
import cn.np700.portal.numbers.requests.NumberRequests;
import cn.np700.portal.numbers.requests.RequestStatus;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators approve (all or fewer blocks) or reject a request. Every transition is a conditional UPDATE on the
 * request's status, so a decision on a request already decided, or a forged post, changes nothing. A request for
 * more blocks than the four-eyes threshold takes a first approval and then a second by a different operator; the
 * blocks change hands at the final approval. So does one that would bring the blocks the operator allocated to that
 * enterprise alone within the window above the threshold ({@link SoloApprovals}).
 */
@Service
public class RequestDecisions {

    private static final int CHOICES = 3;

    // hand-written: each decision is a conditional UPDATE on the status, so a request is decided once whatever the race
    private final JdbcClient jdbc;
    private final NumberRequests requests;
    private final BlockChooser chooser;
    private final BlockAllocation allocation;
    private final TenantDirectory tenants;
    private final NumberSettings settings;
    private final SoloApprovals solo;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;
    private final Clock clock;

    RequestDecisions(JdbcClient jdbc, NumberRequests requests, BlockChooser chooser, BlockAllocation allocation,
            TenantDirectory tenants, NumberSettings settings, SoloApprovals solo, ApplicationEventPublisher events,
            PlatformTransactionManager transactions, TransientFailureRetry retry, Clock clock) {
        this.jdbc = jdbc;
        this.requests = requests;
        this.chooser = chooser;
        this.allocation = allocation;
        this.tenants = tenants;
        this.settings = settings;
        this.solo = solo;
        this.events = events;
        // Read committed: a refusal after losing a race (blocks taken, quota reached) must report what the winner
        // committed, not this transaction's older snapshot. The conditional UPDATEs keep allocation safe either way.
        this.tx = new TransactionTemplate(transactions);
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.retry = retry;
        this.clock = clock;
    }

    public enum Outcome { FIRST_APPROVAL_RECORDED, APPROVED, PARTIALLY_APPROVED }

    boolean needsTwoApprovals(NumberRequest request) {
        return request.blocksRequested() > settings.fourEyesThreshold();
    }

    public Outcome approve(CurrentUser operator, long requestId, int blocks, List<Long> picked) {
        NumberRequest request = open(requestId);
        if (blocks < 1 || blocks > request.blocksRequested()) {
            throw new NumberRuleException("approve.blocks.range", request.blocksRequested());
        }
        if (picked != null && picked.size() != blocks) {
            throw new NumberRuleException("approve.picks.count", picked.size(), blocks);
        }
        if (picked != null) {
            List<Long> unavailable = allocation.unavailable(picked, requestId);
            if (!unavailable.isEmpty()) {
                throw new BlockAllocation.BlocksTaken(unavailable);
            }
        }
        if (needsTwoApprovals(request) && request.firstApproverId() == null) {
            recordFirstApproval(operator, request, blocks, picked);
            return Outcome.FIRST_APPROVAL_RECORDED;
        }
        if (request.firstApproverId() != null) {
            if (request.firstApproverId() == operator.userId()) {
                throw new NumberRuleException("approve.sameOperator");
            }
            // the second operator confirms what the first proposed
            blocks = request.firstApprovedCount();
            picked = request.firstPickedCodes() == null ? null : BlockChooser.parsePicks(request.firstPickedCodes(), new ArrayList<>());
            if (picked != null) {
                try {
                    return allocateWithRetry(operator, request, blocks, picked);
                } catch (BlockAllocation.BlocksTaken e) {
                    // the blocks the first operator picked are gone: nobody could ever confirm this proposal
                    voidFirstApproval(operator, request);
                    throw new NumberRuleException("approve.firstApprovalVoided", e.args());
                }
            }
        }
        return allocateWithRetry(operator, request, blocks, picked);
    }

    /** Deadlocks and lock waits are the retry policy's; this loop only chooses blocks again after losing some. */
    private Outcome allocateWithRetry(CurrentUser operator, NumberRequest request, int blocks, List<Long> picked) {
        for (int choice = 1; ; choice++) {
            try {
                return retry.inTransaction(tx, status -> finalApproval(operator, request, blocks, picked));
            } catch (BlockAllocation.BlocksTaken e) {
                // another approval took a block the automatic choice proposed: choose again from what is left
                if (picked != null || choice >= CHOICES) {
                    throw e;
                }
            } catch (ConcurrencyFailureException e) {
                // still contended after every retry (or an optimistic lock lost): the operator may try again
                throw new NumberRuleException("approve.busy");
            }
        }
    }

    private Outcome finalApproval(CurrentUser operator, NumberRequest request, int blocks, List<Long> picked) {
        Instant now = clock.instant();
        boolean alone = request.firstApproverId() == null;
        if (alone) {
            SoloApprovals.Total total = solo.claim(request.tenantId(), operator.userId(), blocks, now);
            if (total.needsSecondApprover()) {
                writeFirstApproval(operator, request, blocks, picked, total.figures());
                return Outcome.FIRST_APPROVAL_RECORDED;
            }
        }
        RequestStatus result = blocks == request.blocksRequested() ? RequestStatus.APPROVED : RequestStatus.PARTIALLY_APPROVED;
        String fourEyes = request.firstApproverId() == null ? " AND first_approver_id IS NULL"
                : " AND first_approver_id = ? AND first_approver_id <> ?";
        List<Object> params = new ArrayList<>(List.of(result.name(), blocks, operator.username(), Timestamp.from(now),
                request.id()));
        if (request.firstApproverId() != null) {
            params.add(request.firstApproverId());
            params.add(operator.userId());
        }
        int changed = jdbc.sql("UPDATE number_request SET status = ?, approved_count = ?, decided_by = ?, decided_at = ?, "
                + "version = version + 1 WHERE id = ? AND status = 'SUBMITTED'" + fourEyes).params(params).update();
        if (changed == 0) {
            throw new NumberRuleException("request.notOpen");
        }
        if (!tenants.activeAndLocked(request.tenantId())) {
            throw new NumberRuleException("approve.tenantInactive");
        }
        List<Long> codes = picked != null ? picked : chooser.choose(blocks);
        if (codes.size() < blocks) {
            throw new NumberRuleException("approve.notEnoughInventory", codes.size(), blocks);
        }
        allocation.allocate(request.tenantId(), request.id(), codes, now);
        if (alone) {
            solo.record(request.id(), request.tenantId(), operator.userId(), blocks, now);
        }
        requests.step(request.id(), now, result.name(), operator.username(), blocks,
                codes.stream().map(c -> BlockCode.of(c).digits()).reduce((a, b) -> a + ", " + b).orElse(""));
        events.publishEvent(NumbersAudit.of("NUMBER_REQUEST_" + result.name(), "NUMBER_REQUEST",
                Long.toString(request.id()), request.tenantId(), Map.of("requested", request.blocksRequested(),
                        "approved", blocks, "blocks", codes.stream().map(String::valueOf).toList())));
        return result == RequestStatus.APPROVED ? Outcome.APPROVED : Outcome.PARTIALLY_APPROVED;
    }

    private void recordFirstApproval(CurrentUser operator, NumberRequest request, int blocks, List<Long> picked) {
        retry.inTransactionWithoutResult(tx, status -> writeFirstApproval(operator, request, blocks, picked, null));
    }

    /** {@code soloTotal}: the figures when the operator's earlier single approvals made this one a first approval. */
    private void writeFirstApproval(CurrentUser operator, NumberRequest request, int blocks, List<Long> picked,
            String soloTotal) {
        String picks = picked == null ? null : String.join(",", picked.stream().map(String::valueOf).toList());
        int changed = jdbc.sql("UPDATE number_request SET first_approver_id = ?, first_approver = ?, first_approved_count = ?, "
                        + "first_picked_codes = ?, version = version + 1 "
                        + "WHERE id = ? AND status = 'SUBMITTED' AND first_approver_id IS NULL")
                .params(operator.userId(), operator.username(), blocks, picks, request.id())
                .update();
        if (changed == 0) {
            throw new NumberRuleException("request.notOpen");
        }
        requests.step(request.id(), clock.instant(), "FIRST_APPROVAL", operator.username(), blocks,
                soloTotal != null ? soloTotal : picks);
        Map<String, Object> details = soloTotal == null ? Map.of("approved", blocks)
                : Map.of("approved", blocks, "soloTotal", soloTotal);
        events.publishEvent(NumbersAudit.of("NUMBER_REQUEST_FIRST_APPROVAL", "NUMBER_REQUEST",
                Long.toString(request.id()), request.tenantId(), details));
    }

    private void voidFirstApproval(CurrentUser operator, NumberRequest request) {
        retry.inTransactionWithoutResult(tx, status -> {
            int changed = jdbc.sql("UPDATE number_request SET first_approver_id = NULL, first_approver = NULL, "
                            + "first_approved_count = NULL, first_picked_codes = NULL, version = version + 1 "
                            + "WHERE id = ? AND status = 'SUBMITTED' AND first_approver_id = ?")
                    .params(request.id(), request.firstApproverId()).update();
            if (changed == 1) {
                requests.step(request.id(), clock.instant(), "FIRST_APPROVAL_VOIDED", operator.username(), null,
                        request.firstPickedCodes());
                events.publishEvent(NumbersAudit.of("NUMBER_REQUEST_FIRST_APPROVAL_VOIDED", "NUMBER_REQUEST",
                        Long.toString(request.id()), request.tenantId(), Map.of("picked", request.firstPickedCodes())));
            }
        });
    }

    public void reject(CurrentUser operator, long requestId, String reason) {
        String trimmed = reason == null ? "" : reason.trim();
        if (trimmed.isEmpty()) {
            throw new NumberRuleException("reject.reasonRequired");
        }
        if (trimmed.length() > 1000) {
            throw new NumberRuleException("reject.reasonTooLong");
        }
        NumberRequest request = open(requestId);
        retry.inTransactionWithoutResult(tx, status -> {
            Instant now = clock.instant();
            int changed = jdbc.sql("UPDATE number_request SET status = 'REJECTED', reason = ?, decided_by = ?, decided_at = ?, "
                            + "version = version + 1 WHERE id = ? AND status = 'SUBMITTED'")
                    .params(trimmed, operator.username(), Timestamp.from(now), requestId)
                    .update();
            if (changed == 0) {
                throw new NumberRuleException("request.notOpen");
            }
            requests.step(requestId, now, "REJECTED", operator.username(), null, trimmed);
            events.publishEvent(NumbersAudit.of("NUMBER_REQUEST_REJECTED", "NUMBER_REQUEST", Long.toString(requestId),
                    request.tenantId(), Map.of("reason", trimmed)));
        });
    }

    private NumberRequest open(long requestId) {
        NumberRequest request = requests.find(requestId).orElseThrow(() -> new NotFoundException("request " + requestId));
        if (!request.status().open()) {
            throw new NumberRuleException("request.notOpen");
        }
        return request;
    }
}
