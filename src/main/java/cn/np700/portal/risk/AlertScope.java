package cn.np700.portal.risk;

import java.util.Optional;

/**
 * Whose alerts a list may show: one enterprise's own (its admins), or the platform's (operators), which an operator
 * may narrow to one enterprise. Never a nullable id whose absence would mean every tenant.
 */
sealed interface AlertScope {

    /** The one enterprise whose alerts the list is confined to, if any. */
    Optional<Long> tenant();

    record Own(long tenantId) implements AlertScope {
        @Override
        public Optional<Long> tenant() {
            return Optional.of(tenantId);
        }
    }

    record Platform(Optional<Long> narrowedTo) implements AlertScope {
        @Override
        public Optional<Long> tenant() {
            return narrowedTo;
        }
    }
}
