package cn.np700.portal.blacklist;

import cn.np700.portal.scope.TenantId;
import java.util.Optional;

/**
 * Whose blacklist an entry is on: the platform's (operators keep it; it holds for every enterprise, and its rows have
 * no tenant) or one enterprise's. Never a nullable tenant id standing for "the platform".
 */
public sealed interface BlacklistOwner permits BlacklistOwner.Platform, BlacklistOwner.Enterprise {

    BlacklistOwner PLATFORM = new Platform();

    static BlacklistOwner of(TenantId tenant) {
        return new Enterprise(tenant);
    }

    /** The condition that keeps a statement to this list's rows, with {@link #params()} to bind. */
    String condition(String column);

    /** What {@link #condition} binds: the enterprise's tenant, nothing for the platform. */
    Object[] params();

    /** The tenant column of a new entry: the enterprise, or none for the platform's list. */
    Optional<TenantId> tenant();

    record Platform() implements BlacklistOwner {

        @Override
        public String condition(String column) {
            return column + " IS NULL";
        }

        @Override
        public Object[] params() {
            return new Object[0];
        }

        @Override
        public Optional<TenantId> tenant() {
            return Optional.empty();
        }
    }

    record Enterprise(TenantId id) implements BlacklistOwner {

        public Enterprise {
            if (id == null) {
                throw new IllegalArgumentException("an enterprise's list names its tenant");
            }
        }

        @Override
        public String condition(String column) {
            return column + " = ?";
        }

        @Override
        public Object[] params() {
            return new Object[] {id};
        }

        @Override
        public Optional<TenantId> tenant() {
            return Optional.of(id);
        }
    }
}
