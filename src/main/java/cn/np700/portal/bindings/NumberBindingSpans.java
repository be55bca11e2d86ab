package cn.np700.portal.bindings;

import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.numbers.NumberBindings;
import cn.np700.portal.scope.TenantId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A number's bindings for the numbers module's history page, real numbers masked. */
@Component
class NumberBindingSpans implements NumberBindings {

    private final JdbcClient jdbc;
    private final BindingLedger ledger;

    NumberBindingSpans(JdbcClient jdbc, BindingLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    @Override
    public List<Span> on(long number, int limit) {
        return jdbc.sql("SELECT " + BindingLedger.COLUMNS + " FROM binding WHERE x = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(number, limit).query(ledger::map).list().stream()
                .map(b -> new Span(b.id(), b.tenantId(), b.mode().name(), b.aMasked(),
                        b.bMasked() != null ? b.bMasked() : b.nMasked(), b.status().name(), b.createdAt(), b.endedAt()))
                .toList();
    }
}
