package cn.np700.portal.calls.views;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.database.TimeBudget;
import cn.np700.portal.executors.ExecutorNames;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.DisplayTimes;
import cn.np700.portal.web.SpreadsheetCsv;
import cn.np700.portal.web.UserMessages;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Writes the filtered call records as CSV straight to the response, {@value #CHUNK} rows per keyset query, flushing
 * after each: memory stays the same whatever the size, and the download starts with the first chunk (no
 * Content-Length is known, so the response is chunked). The next chunk is read on a reader thread while this one is
 * written, so the database and the writing work at the same time; at most two chunks are held. Written through the
 * portal's one CSV writer (byte order mark, formula-looking cells neutralised). Numbers are masked as on the pages;
 * headers and values are in the user's language, with the codes behind the values in columns of their own at the end.
 */
@Component
class CallCsvExport {

    static final int CHUNK = 2_000;
    private static final Duration CHUNK_BUDGET = Duration.ofSeconds(30);
    static final List<String> CODE_COLUMNS = List.of("typeCode", "directionCode", "resultCode", "releaseSideCode",
            "matchCode");

    private final CallRecordQueries queries;
    private final TenantDirectory tenants;
    private final UserMessages messages;
    private final PlatformCalendar calendar;
    private final DisplayTimes times;
    private final Clock clock;
    private final AsyncTaskExecutor readers;

    CallCsvExport(CallRecordQueries queries, TenantDirectory tenants, UserMessages messages, PlatformCalendar calendar,
            DisplayTimes times, Clock clock, @Qualifier(ExecutorNames.CALL_EXPORT_READING) AsyncTaskExecutor readers) {
        this.readers = readers;
        this.queries = queries;
        this.tenants = tenants;
        this.messages = messages;
        this.calendar = calendar;
        this.times = times;
        this.clock = clock;
    }

    /** {@code withTenant}: operators' files name each record's tenant. */
    void stream(CallCriteria criteria, boolean withTenant, HttpServletResponse response) throws IOException {
        LocalDate today = calendar.dayOf(clock.instant());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("call-records-" + today + ".csv").build().toString());
        Map<TenantId, String> tenantNames = withTenant ? TenantNames.byId(tenants.names()) : Map.of();
        SpreadsheetCsv csv = SpreadsheetCsv.to(response.getOutputStream());
        csv.row(header(withTenant));
        Future<List<CallRow>> next = read(criteria, null);
        while (next != null) {
            List<CallRow> rows = chunk(next);
            next = rows.size() == CHUNK ? read(criteria, rows.get(rows.size() - 1).cursor()) : null;
            try {
                for (CallRow row : rows) {
                    csv.row(line(row, withTenant ? tenantNames.getOrDefault(row.tenantId(), "") : null));
                }
                csv.flush();
            } catch (IOException | RuntimeException e) {
                if (next != null) {
                    next.cancel(false);
                }
                throw e;
            }
        }
        csv.flush();
    }

    /**
     * The readers run on threads of their own (the {@value ExecutorNames#CALL_EXPORT_READING} pool's), outside the request's time budget; each chunk gets a budget of its own
     * instead, so a database that stops answering fails the export within it, while a long export of many chunks
     * still runs to its end.
     */
    private Future<List<CallRow>> read(CallCriteria criteria, KeysetCursor after) {
        return readers.submit(() -> {
            try (TimeBudget ignored = TimeBudget.start(CHUNK_BUDGET)) {
                return queries.withOrderRefs(queries.older(criteria, after, CHUNK));
            }
        });
    }

    private static List<CallRow> chunk(Future<List<CallRow>> reading) throws IOException {
        try {
            return reading.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Export interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private List<String> header(boolean withTenant) {
        List<String> names = new ArrayList<>();
        if (withTenant) {
            names.add(messages.text("request.tenant"));
        }
        for (String key : List.of("call.id", "call.callId", "call.startTime", "call.x", "call.caller", "call.callee",
                "call.type", "call.direction", "call.result", "call.duration", "call.ringTime", "call.answerTime",
                "call.releaseTime", "call.releaseCause", "call.releaseSide", "call.binding", "call.orderRef",
                "call.recordingRef", "call.matchStatus")) {
            names.add(messages.text(key));
        }
        // the codes behind the translated values, under names that stay the same in every language, for programs
        names.addAll(CODE_COLUMNS);
        return names;
    }

    private List<String> line(CallRow r, String tenantName) {
        List<String> cells = new ArrayList<>();
        if (tenantName != null) {
            cells.add(nz(tenantName));
        }
        cells.add(Long.toString(r.id()));
        cells.add(nz(r.callId()));
        cells.add(time(r.startTime()));
        // grouped so that Excel keeps it as text instead of turning 15 digits into 7.00123E+14
        cells.add(UsageNumber.display(r.x()));
        cells.add(nz(r.callerMasked()));
        cells.add(nz(r.calleeMasked()));
        cells.add(messages.text("call.type." + r.type()));
        cells.add(messages.text("call.direction." + r.direction()));
        cells.add(messages.text("call.result." + r.result()));
        cells.add(Integer.toString(r.durationSeconds()));
        cells.add(time(r.ringTime()));
        cells.add(time(r.answerTime()));
        cells.add(time(r.releaseTime()));
        cells.add(r.releaseCause() == null ? "" : r.releaseCause().toString());
        cells.add(r.releaseSide() == null ? "" : messages.text("call.releaseSide." + r.releaseSide()));
        cells.add(r.bindingId() == null ? "" : r.bindingId().toString());
        cells.add(nz(r.orderRef()));
        cells.add(nz(r.recordingRef()));
        cells.add(messages.text("call.match." + r.matchStatus()));
        cells.add(r.type());
        cells.add(r.direction());
        cells.add(r.result());
        cells.add(nz(r.releaseSide()));
        cells.add(r.matchStatus());
        return cells;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }

    private String time(Instant instant) {
        return instant == null ? "" : times.seconds(instant);
    }

}
