package cn.np700.portal.verification;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.DisplayTimes;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.UserMessages;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Bulk verification: upload a CSV file, watch its progress, download the result file. */
@Controller
@RequestMapping("/verifications/bulk")
class BulkVerificationController {

    static final int RECENT = 20;

    private final BulkVerification bulk;
    private final VerificationBatches batches;
    private final UserMessages messages;
    private final DisplayTimes times;
    private final Clock clock;

    BulkVerificationController(BulkVerification bulk, VerificationBatches batches, UserMessages messages,
            DisplayTimes times, Clock clock) {
        this.bulk = bulk;
        this.batches = batches;
        this.messages = messages;
        this.times = times;
        this.clock = clock;
    }

    @GetMapping
    String upload(CurrentUser user, Model model) {
        model.addAttribute("batches", batches.recent(user.requireTenant(), RECENT));
        model.addAttribute("maxRows", BulkCsvFile.MAX_ROWS);
        return "verification/bulk";
    }

    @PostMapping
    String start(@RequestParam(required = false) MultipartFile file, CurrentUser user, Model model) throws IOException {
        if (file == null || file.isEmpty()) {
            model.addAttribute("bulkProblem", messages.text("bulk.csv.missing"));
            return upload(user, model);
        }
        String fileName = fileName(file.getOriginalFilename());
        BulkCsvFile.Read read = BulkCsvFile.read(file.getBytes());
        if (read.refused()) {
            model.addAttribute("bulkProblem", messages.text(read.problemKey(), fileName, BulkCsvFile.MAX_ROWS));
            return upload(user, model);
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), times.zone());
        // a file none of whose lines could be checked is refused whole rather than stored as a batch of refusals
        if (read.lines().stream().noneMatch(line -> BulkItem.of(line, today).subject() != null)) {
            model.addAttribute("bulkProblem", messages.text("bulk.csv.nothingToCheck", fileName));
            return upload(user, model);
        }
        long id;
        try {
            id = bulk.start(user.requireTenant(), user.username(), fileName, read.lines(), today);
        } catch (DuplicateKeyException e) {
            model.addAttribute("bulkProblem", messages.text("bulk.oneAtATime"));
            return upload(user, model);
        }
        return "redirect:/verifications/bulk/" + id;
    }

    @GetMapping("/{id}")
    String batch(@PathVariable long id, CurrentUser user, HtmxRequest htmx, Model model) {
        model.addAttribute("batch", find(user, id));
        model.addAttribute("outcomes", BulkRowOutcome.values());
        return HtmxViews.pageOrFragment(htmx, "verification/bulk-batch", "progress");
    }

    /** A batch still running has no result file yet: its page shows the progress instead. */
    @GetMapping("/{id}/result.csv")
    String result(@PathVariable long id, CurrentUser user, HttpServletResponse response) throws IOException {
        VerificationBatch batch = find(user, id);
        if (batch.running()) {
            return "redirect:/verifications/bulk/" + id;
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("verification-batch-" + id + ".csv").build().toString());
        BulkResultCsv.write(batches.resultLines(id), response.getOutputStream(), messages, times);
        return null;
    }

    private VerificationBatch find(CurrentUser user, long id) {
        return batches.find(user.requireTenant(), id).orElseThrow(() -> new NotFoundException("verification batch"));
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
