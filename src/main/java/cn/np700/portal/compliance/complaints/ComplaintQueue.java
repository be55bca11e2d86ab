package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.ComplaintCategory;
import cn.np700.portal.compliance.ComplaintRow;
import cn.np700.portal.compliance.ComplaintStatus;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.database.RetryOnTransientFailure;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The operators' view of every complaint, newest first, and marking one handled. */
@Component
public class ComplaintQueue {

    public static final String COLUMNS = "id, reference, number, tenant_id, category, description, contact, created_at, "
            + "status, handled_at, handled_by, handled_note, call_time";

    // hand-written: handling is one conditional UPDATE on the status, so of two operators only one handles (and audits) a complaint
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ComplaintQueue(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    Page<ComplaintRow> page(ComplaintFilter filter, PageQuery query) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (filter.status() != null) {
            where.add("status = ?");
            params.add(filter.status().name());
        }
        if (filter.category() != null) {
            where.add("category = ?");
            params.add(filter.category().name());
        }
        if (filter.number() != null) {
            where.add("number = ?");
            params.add(filter.number());
        }
        String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total = jdbc.sql("SELECT COUNT(*) FROM complaint" + clause).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(query.size());
        paged.add(query.offset());
        List<ComplaintRow> rows = jdbc.sql("SELECT " + COLUMNS + " FROM complaint" + clause
                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(paged).query((rs, n) -> row(rs)).list();
        return new Page<>(rows, query.page(), query.size(), total);
    }

    Optional<ComplaintRow> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM complaint WHERE id = ?").param(id).query((rs, n) -> row(rs))
                .optional();
    }

    enum Outcome { HANDLED, ALREADY_HANDLED, NOT_FOUND }

    @RetryOnTransientFailure
    @Transactional
    Outcome markHandled(long id, String note, String by, Instant at) {
        int changed = jdbc.sql("UPDATE complaint SET status = 'HANDLED', handled_at = ?, handled_by = ?, handled_note = ? "
                        + "WHERE id = ? AND status = 'OPEN'")
                .params(Timestamp.from(at), by, note, id).update();
        Optional<ComplaintRow> complaint = find(id);
        if (complaint.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        if (changed == 0) {
            return Outcome.ALREADY_HANDLED;
        }
        events.publishEvent(new ComplaintHandled(id, complaint.get().reference(), complaint.get().tenantId(), note));
        return Outcome.HANDLED;
    }

    /** The complaint with its contact, for an operator who handles complaints; the reveal is audited first. */
    @RetryOnTransientFailure
    @Transactional
    Optional<ComplaintRow> revealContact(long id) {
        Optional<ComplaintRow> complaint = find(id);
        complaint.filter(c -> c.contact() != null).ifPresent(c -> events.publishEvent(
                new ComplaintContactRevealed(c.id(), c.reference(), c.tenantId(), c.maskedContact())));
        return complaint;
    }

    public static ComplaintRow row(ResultSet rs) throws SQLException {
        Timestamp handledAt = rs.getTimestamp("handled_at");
        return new ComplaintRow(rs.getLong("id"), rs.getString("reference"), rs.getLong("number"),
                TenantId.ofNullable(rs.getObject("tenant_id", Long.class)).orElse(null),
                ComplaintCategory.valueOf(rs.getString("category")),
                rs.getString("description"), rs.getString("contact"), rs.getTimestamp("created_at").toInstant(),
                ComplaintStatus.valueOf(rs.getString("status")), handledAt == null ? null : handledAt.toInstant(),
                rs.getString("handled_by"), rs.getString("handled_note"),
                rs.getTimestamp("call_time") == null ? null : rs.getTimestamp("call_time").toInstant());
    }
}
