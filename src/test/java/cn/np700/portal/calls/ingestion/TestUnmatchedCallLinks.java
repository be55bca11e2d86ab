package cn.np700.portal.calls.ingestion;

import java.time.Instant;
import org.springframework.stereotype.Component;

/** Lets tests outside the module link stored unmatched records the way the sweep and an operator do. */
@Component
public class TestUnmatchedCallLinks {

    private final UnmatchedCallRelinking relinking;
    private final UnmatchedCallLinks links;

    TestUnmatchedCallLinks(UnmatchedCallRelinking relinking, UnmatchedCallLinks links) {
        this.relinking = relinking;
        this.links = links;
    }

    /** The relinking sweep's pass over the window; how many records it linked. */
    public int sweep() {
        return relinking.relink();
    }

    /** An operator's link of the record to the binding; whether this call linked it. */
    public boolean linkByHand(long recordId, long bindingId, String reason) {
        return links.linkByHand(recordId, bindingId, reason, "operator", Instant.now())
                == UnmatchedCallLinks.Outcome.LINKED;
    }
}
