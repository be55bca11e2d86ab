package cn.np700.portal.calls.upload;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunAlreadyGoing;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.DisplayTimes;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.UploadedFileNames;
import cn.np700.portal.web.UserMessages;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Operators upload a CSV file of call records, watch it being ingested (a background run), cancel it, and download
 * the result file. Uploads are platform-wide (no tenant); the same file twice at once is refused naming the running
 * one (see {@link CallRecordUploadWork#newRun}).
 */
@Controller
@RequestMapping(CallRecordUploadController.PAGE)
class CallRecordUploadController {

    static final String PAGE = "/operator/calls/upload";
    static final int RECENT = 20;

    private final BackgroundRuns runs;
    private final CallRecordUploadWork work;
    private final CallRecordUploadRows rows;
    private final UserMessages messages;
    private final DisplayTimes times;
    private final long maxBytes;

    // The server refuses a file over its multipart limit before the portal sees it, so the page states the lower one.
    CallRecordUploadController(BackgroundRuns runs, CallRecordUploadWork work, CallRecordUploadRows rows,
            UserMessages messages, DisplayTimes times,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize multipartLimit) {
        this.runs = runs;
        this.work = work;
        this.rows = rows;
        this.messages = messages;
        this.times = times;
        this.maxBytes = Math.min(CallRecordUploadFile.MAX_BYTES, multipartLimit.toBytes());
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("uploads", runs.recentOfKind(CallRecordUploadWork.KIND, RECENT));
        model.addAttribute("maxRows", CallRecordUploadFile.MAX_ROWS);
        model.addAttribute("maxBytes", maxBytes);
        model.addAttribute("maxMegabytes", megabytes());
        model.addAttribute("fields", String.join(",", CallRecordUploadFile.FIELDS));
        model.addAttribute("required", String.join(", ", CallRecordUploadFile.REQUIRED));
        return "calls/upload";
    }

    @PostMapping
    String upload(@RequestParam(required = false) MultipartFile file, CurrentUser user, Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("uploadProblem", messages.text("callUpload.csv.missing"));
            return page(model);
        }
        String fileName = UploadedFileNames.of(file.getOriginalFilename());
        CallRecordUploadFile.Checked checked = file.getSize() > maxBytes
                ? CallRecordUploadFile.Checked.refused("callUpload.csv.tooLarge", megabytes())
                : CallRecordUploadFile.check(file.getBytes());
        if (checked.refused()) {
            model.addAttribute("uploadProblem", messages.text(checked.problemKey(), fileName, checked.problemArg()));
            return page(model);
        }
        AuditActor operator = user.asActor();
        try {
            Run run = runs.start(work.newRun(fileName, checked, operator));
            return "redirect:" + PAGE + "/" + run.id();
        } catch (RunAlreadyGoing e) {
            Run running = e.running();
            model.addAttribute("uploadProblem", messages.text("run.alreadyGoing", running.label(),
                    running.startedBy().name(), times.minutes(running.createdAt()), running.position(), running.total()));
            model.addAttribute("runningUpload", running.id());
            return page(model);
        }
    }

    @GetMapping("/{id}")
    String progress(@PathVariable long id, HtmxRequest htmx, Model model) {
        model.addAttribute("upload", find(id));
        model.addAttribute("outcomes", CallRecordUploadOutcome.values());
        return HtmxViews.pageOrFragment(htmx, "calls/upload-batch", "progress");
    }

    /** Stops the upload after its last stored batch; what is stored stays, counted and in the result file. */
    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable long id, CurrentUser user) {
        runs.cancel(find(id), user.username());
        return "redirect:" + PAGE + "/" + id;
    }

    /** An upload still running has no complete result file yet: its page shows the progress instead. */
    @GetMapping("/{id}/result.csv")
    String result(@PathVariable long id, HttpServletResponse response) throws IOException {
        if (find(id).running()) {
            return "redirect:" + PAGE + "/" + id;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("call-records-upload-" + id + ".csv").build().toString());
        CallRecordUploadResultCsv.write(id, rows, response.getOutputStream());
        return null;
    }

    private long megabytes() {
        return maxBytes / (1024 * 1024);
    }

    private Run find(long id) {
        return runs.findOfKind(CallRecordUploadWork.KIND, id)
                .orElseThrow(() -> new NotFoundException("call record upload " + id));
    }
}
