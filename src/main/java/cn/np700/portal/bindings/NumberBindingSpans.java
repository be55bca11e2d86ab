package cn.np700.portal.bindings;

import cn.np700.portal.bindings.ledger.BindingStore;
import cn.np700.portal.numbers.NumberBindings;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A number's bindings for the numbers module's history page, real numbers masked. */
@Component
class NumberBindingSpans implements NumberBindings {

    private final JdbcClient jdbc;
    private final BindingStore store;

    NumberBindingSpans(JdbcClient jdbc, BindingStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @Override
    public List<Span> on(long number, int limit) {
        return jdbc.sql("SELECT " + BindingStore.COLUMNS + " FROM binding WHERE x = ? ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(number, limit).query(store::map).list().stream()
                .map(b -> new Span(b.id(), b.tenantId().value(), b.mode().name(), b.aMasked(),
                        b.bMasked() != null ? b.bMasked() : b.nMasked(), b.status().name(), b.createdAt(), b.endedAt()))
                .toList();
    }
}
