package cn.np700.portal.compliance.complaints;

import cn.np700.portal.compliance.ComplaintRow;
import cn.np700.portal.bindings.BindingHistory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Ties complaints that say when the call happened to the binding live on their number at that moment: one binding is
 * linked directly; when several were live (one X serves many pairs) the trace at that moment lists them all.
 */
@Component
class ComplaintBindings {

    private final BindingHistory bindings;

    ComplaintBindings(BindingHistory bindings) {
        this.bindings = bindings;
    }

    /** The bindings live at each dated complaint's call time, by complaint id (only complaints with a match). */
    Map<Long, List<Long>> liveAtCallTime(List<ComplaintRow> complaints) {
        Map<Long, List<Long>> found = new HashMap<>();
        for (ComplaintRow c : complaints) {
            if (c.callTime() != null) {
                List<Long> ids = bindings.liveAt(c.number(), c.callTime()).stream().map(t -> t.binding().id()).toList();
                if (!ids.isEmpty()) {
                    found.put(c.id(), ids);
                }
            }
        }
        return found;
    }
}
