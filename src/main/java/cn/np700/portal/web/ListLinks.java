package cn.np700.portal.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Builds a list page's links (pages, sort headers) so that each keeps the filters currently applied. Every character
 * of a typed filter is encoded, braces included: these links also serve as redirect targets, and must never read as
 * URI templates.
 */
public final class ListLinks {

    private final String basePath;
    private final Map<String, Object> filters;
    private final SortOrder sort;

    public ListLinks(String basePath, Map<String, ?> filters, SortOrder sort) {
        this.basePath = basePath;
        this.filters = new LinkedHashMap<>();
        filters.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank()) {
                this.filters.put(key, value);
            }
        });
        this.sort = sort;
    }

    public String page(int page) {
        UriComponentsBuilder builder = withFilters();
        if (sort != null) {
            builder.queryParam("sort", sort.param());
        }
        return builder.queryParam("page", page).build().encode().toUriString();
    }

    public String sort(String key) {
        return withFilters().queryParam("sort", sort == null ? key : sort.toggle(key)).build().encode().toUriString();
    }

    /** "asc", "desc" or "" for a column header's arrow. */
    public String direction(String key) {
        if (sort == null || !sort.key().equals(key)) {
            return "";
        }
        return sort.ascending() ? "asc" : "desc";
    }

    private UriComponentsBuilder withFilters() {
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath(basePath);
        filters.forEach(builder::queryParam);
        return builder;
    }
}
