package cn.np700.portal.webhooks;

/** A new endpoint refused: the enterprise has {@code limit} endpoints already (disabled ones count). Nothing changed. */
class EndpointLimitReached extends RuntimeException {

    private final int limit;

    EndpointLimitReached(int limit) {
        super("An enterprise has at most " + limit + " webhook endpoints; change or disable one instead.");
        this.limit = limit;
    }

    int limit() {
        return limit;
    }
}
