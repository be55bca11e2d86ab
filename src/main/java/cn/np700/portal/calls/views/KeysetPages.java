package cn.np700.portal.calls.views;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads the keyset page a list asks for ({@code after} a cursor for older records, {@code before} one for newer) and
 * builds its links. One row more than the page is read to know whether another page follows.
 */
@Component
class KeysetPages {

    static final int SIZE = 30;

    private final CallRecordQueries queries;

    KeysetPages(CallRecordQueries queries) {
        this.queries = queries;
    }

    CallPage read(CallCriteria criteria, Optional<KeysetCursor> after, Optional<KeysetCursor> before, String basePath,
            Map<String, Object> filters) {
        if (before.isPresent()) {
            List<CallRow> rows = queries.newer(criteria, before.get(), SIZE + 1);
            if (rows.size() > SIZE) {
                List<CallRow> page = queries.withOrderRefs(rows.subList(1, rows.size()));
                return new CallPage(page, link(basePath, filters, "before", page.get(0)),
                        link(basePath, filters, "after", page.get(page.size() - 1)), link(basePath, filters, null, null));
            }
            // nothing newer beyond these: this is the newest page, read from the top so that it is full
            after = Optional.empty();
        }
        List<CallRow> rows = queries.older(criteria, after.orElse(null), SIZE + 1);
        boolean more = rows.size() > SIZE;
        List<CallRow> page = queries.withOrderRefs(more ? rows.subList(0, SIZE) : rows);
        String newer = after.isPresent() && !page.isEmpty() ? link(basePath, filters, "before", page.get(0)) : null;
        String newest = after.isPresent() ? link(basePath, filters, null, null) : null;
        String older = more ? link(basePath, filters, "after", page.get(page.size() - 1)) : null;
        return new CallPage(page, newer, older, newest);
    }

    static String link(String basePath, Map<String, Object> filters, String direction, CallRow row) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(basePath);
        filters.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank()) {
                url.queryParam(key, value);
            }
        });
        if (direction != null) {
            url.queryParam(direction, row.cursor().encode());
        }
        return url.encode().build().toUriString();
    }
}
