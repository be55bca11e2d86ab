package cn.np700.portal.numbers;

enum RequestStatus {
    SUBMITTED, APPROVED, PARTIALLY_APPROVED, REJECTED, WITHDRAWN;

    boolean open() {
        return this == SUBMITTED;
    }
}
