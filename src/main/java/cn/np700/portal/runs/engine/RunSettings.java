package cn.np700.portal.runs.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How runs are kept alive and taken over ({@code portal.runs.*}). A run is taken over at most {@code staleAfter} plus
 * {@code poll} after its node's last heartbeat; a run taken up {@code maxClaims} times (it keeps killing its nodes)
 * fails instead of being taken up again.
 *
 * @param node this node's name in the runs it holds; blank: host name, process id and a random suffix
 */
@ConfigurationProperties("portal.runs")
record RunSettings(@DefaultValue("") String node, @DefaultValue("PT5S") Duration heartbeat,
        @DefaultValue("PT15S") Duration staleAfter, @DefaultValue("PT2S") Duration poll,
        @DefaultValue("5") int maxClaims) {
}
