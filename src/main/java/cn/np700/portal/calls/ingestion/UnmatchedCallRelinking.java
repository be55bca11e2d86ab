package cn.np700.portal.calls.ingestion;

import cn.np700.portal.calls.events.EarlierEventLinks;
import java.time.Clock;
import java.time.Duration;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every minute (one node at a time), tries again to link the unmatched records of the last
 * {@code portal.calls.relink-window}: a binding that was not yet visible when its calls arrived is found now. Then
 * links the unmatched call events of that window whose call is matched by now (see {@link EarlierEventLinks#sweep}).
 */
@Component
class UnmatchedCallRelinking {

    private static final Logger log = LoggerFactory.getLogger(UnmatchedCallRelinking.class);

    private final UnmatchedCallLinks links;
    private final EarlierEventLinks events;
    private final Clock clock;
    private final Duration window;

    UnmatchedCallRelinking(UnmatchedCallLinks links, EarlierEventLinks events, Clock clock,
            @Value("${portal.calls.relink-window:PT24H}") Duration window) {
        this.links = links;
        this.events = events;
        this.clock = clock;
        this.window = window;
    }

    @Scheduled(initialDelayString = "${portal.calls.relink-check:PT1M}", fixedDelayString = "${portal.calls.relink-check:PT1M}")
    @SchedulerLock(name = "calls-relink", lockAtMostFor = "PT10M")
    public void scheduled() {
        int linked = relink();
        if (linked > 0) {
            log.info("Linked {} unmatched call records to their bindings", linked);
        }
        int eventsLinked = events.sweep(clock.instant().minus(window), clock.instant());
        if (eventsLinked > 0) {
            log.info("Linked {} unmatched call events to their calls' bindings", eventsLinked);
        }
    }

    int relink() {
        return links.relink(clock.instant().minus(window));
    }
}
