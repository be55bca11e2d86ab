package cn.np700.portal.bindings.routecache;

import cn.np700.portal.bindings.BindingRoutes;
import cn.np700.portal.executors.ExecutorNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Fills this node's routing cache once the node is ready, in the background: each node holds its own cache, so each
 * preloads its own (a read, no lock needed on many nodes). The journal is read first, since a node's first read of it
 * drops everything the cache holds. Calls that come before the preload reached their number read the database as
 * before; a preload that fails leaves the cache to fill call by call.
 */
@Component
class RouteCacheWarmUp {

    private static final Logger log = LoggerFactory.getLogger(RouteCacheWarmUp.class);

    private final BindingRoutes routes;
    private final RouteChangeFollower follower;
    private final RouteCache cache;
    private final boolean enabled;
    private final TaskExecutor warming;

    RouteCacheWarmUp(BindingRoutes routes, RouteChangeFollower follower, RouteCache cache,
            @Value("${portal.routing.cache.preload:true}") boolean enabled,
            @Qualifier(ExecutorNames.ROUTE_CACHE_WARMING) TaskExecutor warming) {
        this.routes = routes;
        this.follower = follower;
        this.cache = cache;
        this.enabled = enabled;
        this.warming = warming;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (enabled) {
            warming.execute(this::warm);
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
        } catch (DataAccessException e) {
            log.warn("Routing cache not preloaded (calls fill it as they come): {}", e.getMessage());
            return 0;
        }
    }
}
