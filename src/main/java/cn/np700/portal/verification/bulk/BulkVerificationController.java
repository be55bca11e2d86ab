package cn.np700.portal.verification.bulk;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunAlreadyGoing;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.DisplayTimes;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.UploadedFileNames;
import cn.np700.portal.web.UserMessages;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Bulk verification: upload a CSV file, watch its progress, cancel it, download the result file. */
@Controller
@RequestMapping("/verifications/bulk")
class BulkVerificationController {

    static final int RECENT = 20;

    private final BackgroundRuns runs;
    private final BulkVerificationWork work;
    private final BulkVerificationRows rows;
    private final UserMessages messages;
    private final PlatformCalendar calendar;
    private final DisplayTimes times;
    private final Clock clock;

    BulkVerificationController(BackgroundRuns runs, BulkVerificationWork work, BulkVerificationRows rows,
            UserMessages messages, PlatformCalendar calendar, DisplayTimes times, Clock clock) {
        this.runs = runs;
        this.work = work;
        this.rows = rows;
        this.messages = messages;
        this.calendar = calendar;
        this.times = times;
        this.clock = clock;
    }

    @GetMapping
    String upload(CurrentUser user, Model model) {
        model.addAttribute("batches", runs.recentOfTenant(BulkVerificationWork.KIND, user.tenant(), RECENT));
        model.addAttribute("maxRows", BulkCsvFile.MAX_ROWS);
        return "verification/bulk";
    }

    @PostMapping
    String start(@RequestParam(required = false) MultipartFile file, CurrentUser user, Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("bulkProblem", messages.text("bulk.csv.missing"));
            return upload(user, model);
        }
        String fileName = UploadedFileNames.of(file.getOriginalFilename());
        String text = BulkCsvFile.decode(file.getBytes());
        BulkCsvFile.Read read = BulkCsvFile.read(text);
        if (read.refused()) {
            model.addAttribute("bulkProblem", messages.text(read.problemKey(), fileName, BulkCsvFile.MAX_ROWS));
            return upload(user, model);
        }
        LocalDate today = calendar.dayOf(clock.instant());
        List<BulkItem> items = read.lines().stream().map(line -> BulkItem.of(line, today)).toList();
        // a file none of whose lines could be checked is refused whole rather than stored as a batch of refusals
        if (items.stream().allMatch(item -> item.subject() == null)) {
            model.addAttribute("bulkProblem", messages.text("bulk.csv.nothingToCheck", fileName));
            return upload(user, model);
        }
        TenantId tenant = user.tenant();
        AuditActor by = user.asActor();
        try {
            Run run = runs.start(work.newRun(tenant, by, fileName, text, items));
            return "redirect:/verifications/bulk/" + run.id();
        } catch (RunAlreadyGoing e) {
            Run going = e.running();
            model.addAttribute("bulkProblem", messages.text("run.alreadyGoing", going.label(), going.startedBy().name(),
                    times.minutes(going.createdAt()), going.position(), going.total()));
            model.addAttribute("bulkRunning", going.id());
            return upload(user, model);
        }
    }

    @GetMapping("/{id}")
    String batch(@PathVariable long id, CurrentUser user, HtmxRequest htmx, Model model) {
        model.addAttribute("run", find(user, id));
        model.addAttribute("outcomes", BulkRowOutcome.values());
        return HtmxViews.pageOrFragment(htmx, "verification/bulk-batch", "progress");
    }

    /**
     * Stops the checking where it is: the lines done stay stored, counted and in the result file.
     */
    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable long id, CurrentUser user) {
        Run run = find(user, id);
        runs.cancel(run, user.username());
        return "redirect:/verifications/bulk/" + id;
    }

    /** A batch still running has no result file yet: its page shows the progress instead. */
    @GetMapping("/{id}/result.csv")
    String result(@PathVariable long id, CurrentUser user, HttpServletResponse response) throws IOException {
        Run run = find(user, id);
        if (run.running()) {
            return "redirect:/verifications/bulk/" + id;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("verification-batch-" + id + ".csv").build().toString());
        BulkResultCsv.write(rows.resultLines(id), response.getOutputStream(), messages, times);
        return null;
    }

    private Run find(CurrentUser user, long id) {
        return runs.findOfTenant(BulkVerificationWork.KIND, user.tenant(), id)
                .orElseThrow(() -> new NotFoundException("verification batch"));
    }
}
