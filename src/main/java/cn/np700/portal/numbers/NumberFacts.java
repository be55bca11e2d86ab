package cn.np700.portal.numbers;

/**
 * One usage number as it stands now: its block, the tenant holding it (null while its block is not allocated), its
 * own status and suspension reason, and the live bindings the bindings module counts on it.
 */
public record NumberFacts(UsageNumber number, BlockStatus blockStatus, String blockSuspendedReason, Long tenantId,
        NumberStatus status, String suspendedReason, int liveBindings) {

    public boolean allocated() {
        return tenantId != null;
    }

    public boolean suspendedAlone() {
        return status == NumberStatus.SUSPENDED;
    }
}
