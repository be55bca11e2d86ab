package cn.np700.portal.calls.events;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.calls.CallEventType;
import cn.np700.portal.calls.views.TypedTimes;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Operators' list of the call events no call could be matched to, server-paged, filtered by carrier, X, type, reason
 * and time, sorted by any column; and the count shown beside its link in the navigation. A filter that cannot be
 * read is explained next to its field and not applied.
 */
@Controller
class UnmatchedEventController {

    static final String BASE = "/operator/calls/unmatched-events";

    private final UnmatchedEvents unmatched;
    private final PlatformCalendar calendar;

    UnmatchedEventController(UnmatchedEvents unmatched, PlatformCalendar calendar) {
        this.unmatched = unmatched;
        this.calendar = calendar;
    }

    @GetMapping(BASE)
    String list(@RequestParam(required = false) String carrier, @RequestParam(required = false) String x,
            @RequestParam(required = false) String type, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
            HtmxRequest htmx, Model model) {
        Map<String, String> problems = new LinkedHashMap<>();
        String chosenCarrier = blank(carrier) ? null : carrier.trim();
        Long chosenX = null;
        if (!blank(x)) {
            chosenX = UsageNumber.parse(x).map(UsageNumber::value).orElse(null);
            if (chosenX == null) {
                problems.put("x", "callEvents.unmatched.badX");
            }
        }
        CallEventType chosenType = null;
        if (!blank(type)) {
            chosenType = Arrays.stream(CallEventType.values()).filter(t -> t.name().equals(type.trim())).findFirst()
                    .orElse(null);
            if (chosenType == null) {
                problems.put("type", "callEvents.unmatched.badType");
            }
        }
        String chosenReason = null;
        if (!blank(reason)) {
            chosenReason = UnmatchedEvents.REASONS.contains(reason.trim()) ? reason.trim() : null;
            if (chosenReason == null) {
                problems.put("reason", "call.unmatched.badReason");
            }
        }
        Instant start = time("from", from, problems).map(TypedTimes::start).orElse(null);
        Instant end = time("to", to, problems).map(TypedTimes::end).orElse(null);
        if (start != null && end != null && !start.isBefore(end)) {
            problems.put("to", "call.filter.range");
            end = null;
        }
        SortOrder order = SortOrder.parse(sort, UnmatchedEvents.SORTS, "-time");
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("carrier", carrier);
        filters.put("x", x);
        filters.put("type", type);
        filters.put("reason", reason);
        filters.put("from", from);
        filters.put("to", to);
        model.addAttribute("filters", filters);
        model.addAttribute("problems", problems);
        model.addAttribute("carriers", unmatched.carriers());
        model.addAttribute("types", CallEventType.values());
        model.addAttribute("reasons", UnmatchedEvents.REASONS);
        model.addAttribute("sort", order);
        model.addAttribute("page", unmatched.page(new UnmatchedEvents.Filter(chosenCarrier, chosenX, chosenType,
                chosenReason, start, end), order, PageQuery.of(page, null)));
        model.addAttribute("links", new ListLinks(BASE, filters, order));
        return HtmxViews.pageOrFragment(htmx, "calls/unmatched-events", "results");
    }

    @GetMapping(BASE + "/count")
    String count(Model model) {
        model.addAttribute("unmatchedEvents", unmatched.count());
        return "calls/unmatched-events :: count";
    }

    private Optional<TypedTimes> time(String field, String typed, Map<String, String> problems) {
        return Optional.ofNullable(TypedTimes.filter(field, typed, calendar.zone(), problems));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
