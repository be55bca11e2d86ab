package cn.np700.portal.tenancy.tenants;

/** A status change the state machine forbids (for example reactivating a terminated tenant). */
class IllegalTransitionException extends RuntimeException {

    IllegalTransitionException(Enum<?> from, Enum<?> to) {
        super("cannot go from " + from + " to " + to);
    }
}
