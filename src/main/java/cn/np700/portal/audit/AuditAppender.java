package cn.np700.portal.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import cn.np700.portal.web.ClientAddress;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends one entry per auditable event, inside the publisher's transaction. Locking the chain head row
 * serialises appends, so two concurrent changes can never both claim the same predecessor.
 */
@Component
class AuditAppender {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditActorProvider actors;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditAppender(JdbcClient jdbc, Clock clock, AuditActorProvider actors) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.actors = actors;
    }

    @EventListener
    @Transactional
    public void on(AuditableEvent event) {
        AuditActor actor = event.actor().orElseGet(actors::currentActor);
        Head head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
        Long tenantId = event.tenantId() != null ? event.tenantId() : actor.tenantId();
        AuditEntry draft = new AuditEntry(head.seq() + 1, AuditHash.stored(clock.instant()), actor.name(), actor.userId(),
                actor.tenantId(), tenantId, event.action(), event.targetType(), event.targetId(), ClientAddress.current(),
                json.writeValueAsString(new TreeMap<>(event.details() == null ? Map.of() : event.details())),
                head.hash(), null);
        String hash = AuditHash.of(draft, head.hash());
        jdbc.sql("""
                INSERT INTO audit_entry (seq, occurred_at, actor, actor_user_id, actor_tenant_id, tenant_id, action,
                    target_type, target_id, client_ip, details, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(draft.seq(), Timestamp.from(draft.occurredAt()), draft.actor(), draft.actorUserId(),
                        draft.actorTenantId(), draft.tenantId(), draft.action(), draft.targetType(), draft.targetId(),
                        draft.clientIp(), draft.details(), draft.prevHash(), hash)
                .update();
        jdbc.sql("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1").params(draft.seq(), hash).update();
    }

    private record Head(long seq, String hash) {
    }
}
