package cn.np700.portal.compliance.report;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.tenancy.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The monthly compliance report: operators see every tenant, an enterprise admin its own; a page and a CSV file. */
@Controller
class ComplianceReportController {

    private final ComplianceReportQueries queries;
    private final PlatformCalendar calendar;
    private final Clock clock;

    ComplianceReportController(ComplianceReportQueries queries, PlatformCalendar calendar, Clock clock) {
        this.queries = queries;
        this.calendar = calendar;
        this.clock = clock;
    }

    @GetMapping("/operator/compliance/report")
    String operatorPage(@RequestParam(required = false) String month, Model model) {
        ComplianceMonth m = ComplianceMonth.parse(month, calendar.zone(), clock);
        return page(m, month, queries.allTenants(m), true, model);
    }

    @GetMapping("/operator/compliance/report.csv")
    void operatorCsv(@RequestParam(required = false) String month, HttpServletResponse response) throws IOException {
        ComplianceMonth m = ComplianceMonth.parse(month, calendar.zone(), clock);
        csv(m, queries.allTenants(m), response);
    }

    @GetMapping("/compliance/report")
    String tenantPage(@RequestParam(required = false) String month, CurrentUser user, Model model) {
        ComplianceMonth m = ComplianceMonth.parse(month, calendar.zone(), clock);
        return page(m, month, queries.tenant(user.tenant(), m), false, model);
    }

    @GetMapping("/compliance/report.csv")
    void tenantCsv(@RequestParam(required = false) String month, CurrentUser user, HttpServletResponse response)
            throws IOException {
        ComplianceMonth m = ComplianceMonth.parse(month, calendar.zone(), clock);
        csv(m, queries.tenant(user.tenant(), m), response);
    }

    private String page(ComplianceMonth month, String typed, List<ComplianceReportRow> rows, boolean operator,
            Model model) {
        model.addAttribute("month", month.value());
        model.addAttribute("typedMonth", typed);
        model.addAttribute("monthInvalid", month.invalid());
        model.addAttribute("rows", rows);
        model.addAttribute("operator", operator);
        model.addAttribute("formAction", operator ? "/operator/compliance/report" : "/compliance/report");
        model.addAttribute("csvPath", operator ? "/operator/compliance/report.csv" : "/compliance/report.csv");
        return "compliance/report";
    }

    private static void csv(ComplianceMonth month, List<ComplianceReportRow> rows, HttpServletResponse response)
            throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"compliance-report-" + month.value() + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        ComplianceReportCsv.write(month, rows, out);
        out.flush();
    }
}
