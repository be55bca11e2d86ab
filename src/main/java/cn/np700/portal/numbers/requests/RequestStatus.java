package cn.np700.portal.numbers.requests;

public enum RequestStatus {
    SUBMITTED, APPROVED, PARTIALLY_APPROVED, REJECTED, WITHDRAWN;

    public boolean open() {
        return this == SUBMITTED;
    }
}
