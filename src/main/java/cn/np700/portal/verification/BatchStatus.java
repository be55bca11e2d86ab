package cn.np700.portal.verification;

/** A bulk verification: still checking, every line done, or stopped early (its node went down, or it broke). */
enum BatchStatus {
    RUNNING, DONE, FAILED
}
