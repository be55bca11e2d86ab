package cn.np700.portal.calls;

/** An upload: still being ingested, every line done, or stopped early (its node went down, or it broke). */
public enum CallRecordUploadStatus {
    RUNNING, DONE, FAILED
}
