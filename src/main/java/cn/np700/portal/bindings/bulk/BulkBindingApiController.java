package cn.np700.portal.bindings.bulk;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.runs.RunAlreadyGoing;
import cn.np700.portal.tenancy.ApiClient;
import cn.np700.portal.web.ApiProblemException;
import cn.np700.portal.web.ApiProblemException.FieldProblem;
import cn.np700.portal.web.UploadedFileNames;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/binding-runs}: upload a create or end file as a {@code text/csv} body (202 with the run), poll the
 * run, cancel it (DELETE), download its result file once it has ended. Another tenant's run answers 404.
 */
@RestController
@RequestMapping(BulkBindingApiController.PATH)
class BulkBindingApiController {

    static final String PATH = "/api/v1/binding-runs";

    private final BindingFileUploads uploads;
    private final BulkBindingRuns runs;
    private final MessageSource messages;

    BulkBindingApiController(BindingFileUploads uploads, BulkBindingRuns runs, MessageSource messages) {
        this.uploads = uploads;
        this.runs = runs;
        this.messages = messages;
    }

    @PostMapping
    ResponseEntity<BulkRunJson> start(@RequestParam(required = false) String operation,
            @RequestParam(required = false) String fileName,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            HttpServletRequest request, ApiClient client) throws IOException {
        FileOperation chosen = FileOperation.ofSlug(operation == null ? "" : operation.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> invalid("operation", "INVALID_PARAMETER", "bindingFile.operation.invalid"));
        if (contentType == null || !MediaType.parseMediaType(contentType).equalsTypeAndSubtype(MediaType.parseMediaType("text/csv"))) {
            throw new ApiProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                    "Send the file as the body, with Content-Type: text/csv.");
        }
        String name = UploadedFileNames.of(fileName == null ? "bindings-" + chosen.slug() + ".csv" : fileName);
        BindingFileUploads.Uploader by = new BindingFileUploads.Uploader(
                new AuditActor(client.actorName(), null, client.tenant()), client.actorName(), client.keyId(),
                client.keyName());
        BindingFileUploads.Upload upload;
        try (InputStream content = request.getInputStream()) {
            upload = uploads.start(client.tenant(), by, chosen, name, content);
        } catch (RunAlreadyGoing e) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "RUN_ALREADY_GOING", "Run " + e.running().id()
                    + " of this enterprise is still going; one bulk binding run at a time.",
                    List.of(new FieldProblem("file", "RUN_ALREADY_GOING", PATH + "/" + e.running().id())));
        }
        if (upload.refusal() != null) {
            throw invalid("file", upload.refusal().code(), upload.refusal().messageKey(), upload.refusal().args());
        }
        BulkRunJson json = BulkRunJson.of(upload.started());
        return ResponseEntity.accepted().location(URI.create(PATH + "/" + json.id())).body(json);
    }

    @GetMapping("/{id}")
    BulkRunJson get(@PathVariable String id, ApiClient client) {
        return BulkRunJson.of(find(client, id));
    }

    /** Cancels a running run after the line in progress; an ended run is answered as it is. */
    @DeleteMapping("/{id}")
    BulkRunJson cancel(@PathVariable String id, ApiClient client) {
        BulkBindingRuns.BulkRun bulk = find(client, id);
        return BulkRunJson.of(bulk.run().running() ? runs.cancel(bulk, client.actorName()) : bulk);
    }

    @GetMapping("/{id}/result")
    void result(@PathVariable String id, ApiClient client, HttpServletResponse response) throws IOException {
        BulkBindingRuns.BulkRun bulk = find(client, id);
        if (bulk.run().running()) {
            throw new ApiProblemException(HttpStatus.CONFLICT, "RUN_STILL_GOING",
                    "The run has done " + bulk.run().position() + " of " + bulk.run().total()
                            + " lines; its result file is ready once it has ended.");
        }
        ResultFile.write(runs.lines(bulk), CsvAttachment.of(response, ResultFile.fileName(bulk.run().id())), messages,
                Locale.ENGLISH);
    }

    private BulkBindingRuns.BulkRun find(ApiClient client, String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            throw notFound();
        }
        return runs.find(client.tenant(), Long.parseLong(id)).orElseThrow(BulkBindingApiController::notFound);
    }

    private static ApiProblemException notFound() {
        return new ApiProblemException(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such bulk binding run.");
    }

    private ApiProblemException invalid(String field, String code, String key, Object... args) {
        String message = messages.getMessage(key, args, Locale.ENGLISH);
        HttpStatus status = "FILE_TOO_LARGE".equals(code) ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
        return new ApiProblemException(status, code, message, List.of(new FieldProblem(field, code, message)));
    }
}
