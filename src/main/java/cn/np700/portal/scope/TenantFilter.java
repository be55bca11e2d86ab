package cn.np700.portal.scope;

import java.util.Optional;

/**
 * An operator's narrowing of a platform-wide list to one tenant, taken from a filter form or a link. It is a filter,
 * not a scope: it never widens what a tenant's scope confines, and a tenant's own pages do not take one.
 */
public record TenantFilter(Optional<TenantId> tenant) {

    public static final TenantFilter ANY = new TenantFilter(Optional.empty());

    public TenantFilter {
        if (tenant == null) {
            throw new IllegalArgumentException("use TenantFilter.ANY for no tenant");
        }
    }

    public static TenantFilter of(TenantId tenant) {
        return new TenantFilter(Optional.of(tenant));
    }

    /**
     * What an operator typed or a link carried: blank is any tenant; text that is not a tenant id gives empty, so the
     * caller can say so next to the field instead of listing every tenant.
     */
    public static Optional<TenantFilter> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(ANY);
        }
        String trimmed = text.trim();
        if (!trimmed.matches("[1-9]\\d{0,17}")) {
            return Optional.empty();
        }
        return Optional.of(of(TenantId.of(Long.parseLong(trimmed))));
    }
}
