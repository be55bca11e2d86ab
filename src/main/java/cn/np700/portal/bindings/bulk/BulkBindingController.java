package cn.np700.portal.bindings.bulk;

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
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Bulk bindings in the portal: upload a create or end file, watch its progress, cancel it, download the result. */
@Controller
@RequestMapping("/bindings/bulk")
class BulkBindingController {

    private final BindingFileUploads uploads;
    private final BulkBindingRuns runs;
    private final UserMessages messages;
    private final MessageSource messageSource;
    private final DisplayTimes times;

    BulkBindingController(BindingFileUploads uploads, BulkBindingRuns runs, UserMessages messages,
            MessageSource messageSource, DisplayTimes times) {
        this.uploads = uploads;
        this.runs = runs;
        this.messages = messages;
        this.messageSource = messageSource;
        this.times = times;
    }

    @GetMapping
    String page(CurrentUser user, Model model) {
        model.addAttribute("runs", runs.recent(user.tenant()));
        model.addAttribute("maxLines", BindingFile.MAX_LINES);
        model.addAttribute("maxMegabytes", BindingFile.MAX_BYTES / (1024 * 1024));
        model.addAttribute("operations", FileOperation.values());
        if (!model.containsAttribute("operation")) {
            model.addAttribute("operation", FileOperation.CREATE);
        }
        return "bindings/bulk";
    }

    @PostMapping
    String start(@RequestParam(required = false) String operation, @RequestParam(required = false) MultipartFile file,
            CurrentUser user, Model model) throws IOException {
        FileOperation chosen = FileOperation.ofSlug(operation == null ? "" : operation).orElse(null);
        if (chosen == null) {
            model.addAttribute("operationProblem", messages.text("bindingFile.operation.invalid"));
            return page(user, model);
        }
        model.addAttribute("operation", chosen);
        if (file == null || file.isEmpty()) {
            model.addAttribute("fileProblem", messages.text("bindingFile.missing"));
            return page(user, model);
        }
        BindingFileUploads.Uploader by = new BindingFileUploads.Uploader(user.asActor(), user.username(), null, null);
        try (InputStream content = file.getInputStream()) {
            BindingFileUploads.Upload upload = uploads.start(user.tenant(), by, chosen,
                    UploadedFileNames.of(file.getOriginalFilename()), content);
            if (upload.refusal() != null) {
                model.addAttribute("fileProblem", messages.text(upload.refusal().messageKey(), upload.refusal().args()));
                return page(user, model);
            }
            return "redirect:/bindings/bulk/" + upload.started().run().id();
        } catch (RunAlreadyGoing e) {
            Run going = e.running();
            model.addAttribute("fileProblem", messages.text("run.alreadyGoing", going.label(), going.startedBy().name(),
                    times.minutes(going.createdAt()), going.position(), going.total()));
            model.addAttribute("runningId", going.id());
            return page(user, model);
        }
    }

    @GetMapping("/templates/{operation}.csv")
    void template(@PathVariable String operation, HttpServletResponse response) throws IOException {
        FileOperation chosen = FileOperation.ofSlug(operation).orElseThrow(() -> new NotFoundException("template"));
        FileTemplates.write(chosen, CsvAttachment.of(response, FileTemplates.fileName(chosen)));
    }

    @GetMapping("/{id}")
    String run(@PathVariable long id, CurrentUser user, HtmxRequest htmx, Model model) {
        BulkBindingRuns.BulkRun bulk = find(user, id);
        model.addAttribute("run", bulk.run());
        model.addAttribute("operation", bulk.operation());
        model.addAttribute("refusedByCode", refusedByCode(bulk.run()));
        return HtmxViews.pageOrFragment(htmx, "bindings/bulk-run", "progress");
    }

    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable long id, CurrentUser user) {
        runs.cancel(find(user, id), user.username());
        return "redirect:/bindings/bulk/" + id;
    }

    /** A run still going has no result file yet: its page shows the progress instead. */
    @GetMapping("/{id}/result.csv")
    String result(@PathVariable long id, CurrentUser user, HttpServletResponse response) throws IOException {
        BulkBindingRuns.BulkRun bulk = find(user, id);
        if (bulk.run().running()) {
            return "redirect:/bindings/bulk/" + id;
        }
        ResultFile.write(runs.lines(bulk), CsvAttachment.of(response, ResultFile.fileName(id)), messageSource,
                LocaleContextHolder.getLocale());
        return null;
    }

    /** The refused lines counted by problem code, for the page. */
    static Map<String, Integer> refusedByCode(Run run) {
        Map<String, Integer> byCode = new TreeMap<>();
        run.counts().byName().forEach((name, count) -> {
            if (name.startsWith("refused.")) {
                byCode.put(name.substring("refused.".length()), count);
            }
        });
        return byCode;
    }

    private BulkBindingRuns.BulkRun find(CurrentUser user, long id) {
        return runs.find(user.tenant(), id).orElseThrow(() -> new NotFoundException("bulk binding run"));
    }
}
