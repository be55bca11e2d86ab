package cn.np700.portal.bindings.bulk;

import cn.np700.portal.runs.Run;
import java.time.Instant;
import java.util.Map;

/**
 * A bulk binding run in the tenant API: its progress ({@code done} of {@code total} lines), the lines by outcome,
 * the refused ones by problem code, and once it has ended where its result file is.
 */
record BulkRunJson(long id, String operation, String fileName, String status, int total, int done, int created,
        int repeated, int ended, int alreadyEnded, int refused, Map<String, Integer> refusedByCode, String startedBy,
        Instant createdAt, Instant finishedAt, String failure, String result) {

    static BulkRunJson of(BulkBindingRuns.BulkRun bulk) {
        Run run = bulk.run();
        return new BulkRunJson(run.id(), bulk.operation().name(), run.label(), run.status().name(), run.total(),
                run.position(), run.counts().of("created"), run.counts().of("repeated"), run.counts().of("ended"),
                run.counts().of("alreadyEnded"), run.counts().sumOf("refused."),
                BulkBindingController.refusedByCode(run), run.startedBy().name(), run.createdAt(), run.finishedAt(),
                run.failureCode(), run.running() ? null : BulkBindingApiController.PATH + "/" + run.id() + "/result");
    }
}
