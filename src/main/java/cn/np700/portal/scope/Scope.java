package cn.np700.portal.scope;

import java.io.Serializable;
import java.util.Optional;

/**
 * Whose rows a query may touch, resolved once per request from the principal. Every query on a tenant-owned table
 * takes one; a tenant's scope confines it to that tenant, and only operator roles and the platform's own jobs can
 * hold the platform scope that reaches every tenant ({@code ScopeGrantTests} keeps it so).
 */
public sealed interface Scope extends Serializable permits Scope.Tenant, Scope.Platform {

    /** The tenant the rows are confined to; empty only for the platform scope. */
    Optional<TenantId> tenant();

    /** True when a row of {@code owner} is inside this scope (for rows read by id before they are shown). */
    default boolean covers(TenantId owner) {
        return tenant().map(t -> t.equals(owner)).orElse(true);
    }

    static Tenant of(TenantId tenant) {
        return new Tenant(tenant);
    }

    /** The scope of an operator's session; the one caller is the signed-in user's record. */
    static Platform operator(String username) {
        return new Platform("operator " + username);
    }

    /** The scope of a platform job that works across tenants (retention, roll-ups, risk scans, seeding). */
    static Platform job(String name) {
        return new Platform("job " + name);
    }

    record Tenant(TenantId id) implements Scope {

        public Tenant {
            if (id == null) {
                throw new IllegalArgumentException("a tenant scope names its tenant");
            }
        }

        @Override
        public Optional<TenantId> tenant() {
            return Optional.of(id);
        }
    }

    /** Every tenant's rows. Not constructible outside this type: only {@link #operator} and {@link #job} grant it. */
    final class Platform implements Scope {

        private final String grantedTo;

        private Platform(String grantedTo) {
            this.grantedTo = grantedTo;
        }

        public String grantedTo() {
            return grantedTo;
        }

        @Override
        public String toString() {
            return "Platform[" + grantedTo + "]";
        }

        @Override
        public Optional<TenantId> tenant() {
            return Optional.empty();
        }
    }
}
