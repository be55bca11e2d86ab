package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.NotFoundException;
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

/** Operators upload a CSV file of call records, watch it being ingested and download the result file. */
@Controller
@RequestMapping("/operator/calls/upload")
class CallRecordUploadController {

    static final int RECENT = 20;

    private final CallRecordUploadLauncher launcher;
    private final CallRecordUploads uploads;
    private final UserMessages messages;
    private final long maxBytes;

    // The server refuses a file over its multipart limit before the portal sees it, so the page states the lower one.
    CallRecordUploadController(CallRecordUploadLauncher launcher, CallRecordUploads uploads, UserMessages messages,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize multipartLimit) {
        this.launcher = launcher;
        this.uploads = uploads;
        this.messages = messages;
        this.maxBytes = Math.min(CallRecordUploadFile.MAX_BYTES, multipartLimit.toBytes());
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("uploads", uploads.recent(RECENT));
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
        String fileName = fileName(file.getOriginalFilename());
        CallRecordUploadFile.Checked checked = file.getSize() > maxBytes
                ? CallRecordUploadFile.Checked.refused("callUpload.csv.tooLarge", megabytes())
                : CallRecordUploadFile.check(file.getBytes());
        if (checked.refused()) {
            model.addAttribute("uploadProblem", messages.text(checked.problemKey(), fileName, checked.problemArg()));
            return page(model);
        }
        long id = launcher.start(fileName, checked, new AuditActor(user.username(), user.userId(), user.tenantId()));
        return "redirect:/operator/calls/upload/" + id;
    }

    @GetMapping("/{id}")
    String progress(@PathVariable long id, HtmxRequest htmx, Model model) {
        model.addAttribute("upload", find(id));
        model.addAttribute("outcomes", CallRecordUploadOutcome.values());
        return HtmxViews.pageOrFragment(htmx, "calls/upload-batch", "progress");
    }

    /** An upload still running has no complete result file yet: its page shows the progress instead. */
    @GetMapping("/{id}/result.csv")
    String result(@PathVariable long id, HttpServletResponse response) throws IOException {
        if (find(id).running()) {
            return "redirect:/operator/calls/upload/" + id;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("call-records-upload-" + id + ".csv").build().toString());
        CallRecordUploadResultCsv.write(id, uploads, response.getOutputStream());
        return null;
    }

    private long megabytes() {
        return maxBytes / (1024 * 1024);
    }

    private CallRecordUpload find(long id) {
        return uploads.find(id).orElseThrow(() -> new NotFoundException("call record upload " + id));
    }

    /** The name as the browser sent it, without any folder part, short enough to store. */
    static String fileName(String original) {
        String path = original == null ? "" : original;
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty()) {
            return "upload.csv";
        }
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
