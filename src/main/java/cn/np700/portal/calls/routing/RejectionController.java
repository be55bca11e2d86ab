package cn.np700.portal.calls.routing;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.calls.views.KeysetCursor;
import cn.np700.portal.calls.views.TenantNames;
import cn.np700.portal.calls.views.TypedTimes;
import cn.np700.portal.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Routing requests the portal rejected, for operators: counts per reason over a period (the last 7 days unless a
 * range is given) and the list, newest first, filtered by reason.
 */
@Controller
class RejectionController {

    static final String BASE = "/operator/calls/rejections";
    static final int SIZE = 30;
    static final int DEFAULT_DAYS = 7;

    private final RejectionQueries rejections;
    private final TenantDirectory tenants;
    private final PlatformCalendar calendar;
    private final Clock clock;

    RejectionController(RejectionQueries rejections, TenantDirectory tenants, PlatformCalendar calendar, Clock clock) {
        this.rejections = rejections;
        this.tenants = tenants;
        this.calendar = calendar;
        this.clock = clock;
    }

    @GetMapping(BASE)
    String list(@RequestParam(required = false) String reason, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String after, Model model) {
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> reasons = Arrays.stream(RejectReason.values()).map(Enum::name).toList();
        String chosen = null;
        if (reason != null && !reason.isBlank()) {
            chosen = reasons.contains(reason.trim()) ? reason.trim() : null;
            if (chosen == null) {
                problems.put("reason", "call.rejections.badReason");
            }
        }
        TypedTimes fromSpan = span("from", from, problems);
        TypedTimes toSpan = span("to", to, problems);
        Instant end = toSpan != null ? toSpan.end() : clock.instant().plusSeconds(1);
        Instant start = fromSpan != null ? fromSpan.start()
                : calendar.startOf(calendar.dayOf(end).minusDays(DEFAULT_DAYS - 1L));
        if (!start.isBefore(end)) {
            problems.put("to", "call.filter.range");
            end = clock.instant().plusSeconds(1);
        }
        List<RejectionRow> rows = rejections.page(start, end, chosen, KeysetCursor.parse(after).orElse(null), SIZE + 1);
        boolean more = rows.size() > SIZE;
        List<RejectionRow> page = more ? rows.subList(0, SIZE) : rows;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("reason", reason);
        params.put("from", from);
        params.put("to", to);
        model.addAttribute("reason", reason);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("problems", problems);
        model.addAttribute("reasons", reasons);
        model.addAttribute("rangeStart", start);
        model.addAttribute("rangeEnd", end);
        model.addAttribute("counts", rejections.countsByReason(start, end));
        model.addAttribute("rows", page);
        model.addAttribute("tenantNames", TenantNames.byId(tenants.names()));
        RejectionRow last = page.isEmpty() ? null : page.get(page.size() - 1);
        model.addAttribute("olderUrl", more ? link(params, new KeysetCursor(last.at(), last.id())) : null);
        model.addAttribute("newestUrl", after != null && !after.isBlank() ? link(params, null) : null);
        return "calls/rejections";
    }

    private TypedTimes span(String field, String typed, Map<String, String> problems) {
        return TypedTimes.filter(field, typed, calendar.zone(), problems);
    }

    private static String link(Map<String, Object> params, KeysetCursor after) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(BASE);
        params.forEach((key, value) -> {
            if (value != null && !value.toString().isBlank()) {
                url.queryParam(key, value);
            }
        });
        if (after != null) {
            url.queryParam("after", after.encode());
        }
        return url.encode().build().toUriString();
    }
}
