package cn.np700.portal.database;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Opens the routing pool as the node becomes ready, before the carrier's first call needs a connection. */
@Component
class RoutingPoolWarmUp {

    private final RoutingDatabase routing;

    RoutingPoolWarmUp(RoutingDatabase routing) {
        this.routing = routing;
    }

    @EventListener(ApplicationReadyEvent.class)
    void open() {
        routing.open();
    }
}
