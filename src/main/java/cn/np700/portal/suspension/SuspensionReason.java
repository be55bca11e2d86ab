package cn.np700.portal.suspension;

import java.time.Instant;

/**
 * One reason a subject (a number, a binding or an enterprise) is suspended. {@code sourceId}: the alert's or complaint's
 * id, empty for an operator's own action (one open operator reason per subject).
 */
public record SuspensionReason(long id, long subjectId, SuspensionSource source, String sourceId, String openedBy,
        String why, Instant since, Instant liftedAt, String liftedBy, String liftNote) {

    public boolean open() {
        return liftedAt == null;
    }
}
