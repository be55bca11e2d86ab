package cn.np700.portal.bindings.routecache;

import cn.np700.portal.bindings.BindingRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fills this node's routing cache as the node starts, before it reports itself ready to take traffic: each node holds
 * its own cache, so each preloads its own (a read, no lock needed on many nodes). The journal is read first, since a
 * node's first read of it drops everything the cache holds. A preload that fails leaves the cache to fill call by
 * call, as it did before.
 */
@Component
class RouteCacheWarmUp {

    private static final Logger log = LoggerFactory.getLogger(RouteCacheWarmUp.class);

    private final BindingRoutes routes;
    private final RouteChangeFollower follower;
    private final RouteCache cache;
    private final boolean enabled;

    RouteCacheWarmUp(BindingRoutes routes, RouteChangeFollower follower, RouteCache cache,
            @Value("${portal.routing.cache.preload:true}") boolean enabled) {
        this.routes = routes;
        this.follower = follower;
        this.cache = cache;
        this.enabled = enabled;
    }

    /** On the start's own thread: readiness (the load balancer's signal) is published after these listeners. */
    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (enabled) {
            warm();
        }
    }

    /** Answers the numbers preloaded. */
    int warm() {
        long started = System.nanoTime();
        try {
            follower.follow();
            int numbers = routes.preload((int) Math.min(Integer.MAX_VALUE, cache.capacity()));
            log.info("Routing cache preloaded: {} numbers in {} ms", numbers, (System.nanoTime() - started) / 1_000_000);
            return numbers;
        } catch (RuntimeException e) {
            // a start must not fail for want of a warm cache: thrown from a ready listener it would stop the node
            log.warn("Routing cache not preloaded (calls fill it as they come): {}", e.getMessage());
            return 0;
        }
    }
}
