package cn.np700.portal.calls;

import java.util.List;

/**
 * Call records stored unmatched were linked to their binding later (by the relinking sweep or an operator's hand),
 * published inside the linking's transaction with only the records its conditional UPDATE took: a record is told here
 * once, and never if ingestion already told it ({@link CallRecordsStored}, as it was stored matched). Each record as
 * ingestion would have told it, with the tenant that owns the binding it was linked to.
 */
public record CallRecordsLinked(List<CallRecordsStored.Stored> records) {
}
