package cn.np700.portal.compliance;

public enum ComplaintStatus {
    OPEN, HANDLED;

    public static ComplaintStatus parse(String typed) {
        for (ComplaintStatus status : values()) {
            if (status.name().equals(typed)) {
                return status;
            }
        }
        return null;
    }
}
