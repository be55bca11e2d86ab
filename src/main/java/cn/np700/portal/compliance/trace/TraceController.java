package cn.np700.portal.compliance.trace;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.web.DisplayTimes;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/** The regulator's question in one page: a 700 number and a moment; and the same as a CSV file. */
@Controller
@RequestMapping("/operator/trace")
class TraceController {

    private final RegulatorTrace trace;
    private final PlatformCalendar calendar;
    private final DisplayTimes times;
    private final Clock clock;

    TraceController(RegulatorTrace trace, PlatformCalendar calendar, DisplayTimes times, Clock clock) {
        this.trace = trace;
        this.calendar = calendar;
        this.times = times;
        this.clock = clock;
    }

    @GetMapping
    String page(@ModelAttribute("query") TraceQuery query, Scope scope, Model model) {
        Instant now = clock.instant();
        model.addAttribute("query", query);
        if (query.number() == null && query.at() == null) {
            return "compliance/trace";
        }
        Map<String, String> problems = query.problems(calendar.zone(), now);
        model.addAttribute("problems", problems);
        if (problems.isEmpty()) {
            model.addAttribute("report", trace.trace(scope, query.numberValue(), query.atValue(calendar.zone(), now)));
        }
        return "compliance/trace";
    }

    @GetMapping("/export")
    void export(@ModelAttribute TraceQuery query, Scope scope, HttpServletResponse response) throws IOException {
        Instant now = clock.instant();
        if (!query.problems(calendar.zone(), now).isEmpty()) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        TraceReport report = trace.trace(scope, query.numberValue(), query.atValue(calendar.zone(), now));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"trace-" + report.number() + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        TraceCsv.write(report, times, out);
        out.flush();
    }
}
