package cn.np700.portal.audit.trail;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.audit.AuditActorProvider;
import cn.np700.portal.audit.AuditableEvent;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.web.ClientAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one entry per auditable event, inside the publisher's transaction, so the entry commits or rolls back with
 * the change it records. The entry is written unlinked and the chainer links it after the commit: appends take no
 * shared lock, so concurrent changes do not queue behind one another on the chain head.
 */
@Component
class AuditAppender {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditActorProvider actors;
    private final AuditChainer chainer;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditAppender(JdbcClient jdbc, Clock clock, AuditActorProvider actors, AuditChainer chainer) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.actors = actors;
        this.chainer = chainer;
    }

    @EventListener
    @RetryOnTransientFailure
    @Transactional
    public void on(AuditableEvent event) {
        AuditActor actor = event.actor().orElseGet(actors::currentActor);
        TenantId tenantId = event.tenantId() != null ? event.tenantId() : actor.tenantId();
        jdbc.sql("""
                INSERT INTO audit_entry (occurred_at, actor, actor_user_id, actor_tenant_id, tenant_id, action,
                    target_type, target_id, client_ip, details)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(AuditHash.stored(clock.instant())), actor.name(), actor.userId(), actor.tenantId(),
                        tenantId, event.action(), event.targetType(), event.targetId(), ClientAddress.current(),
                        json.writeValueAsString(new TreeMap<>(event.details() == null ? Map.of() : event.details())))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                chainer.wake();
            }
        });
    }
}
