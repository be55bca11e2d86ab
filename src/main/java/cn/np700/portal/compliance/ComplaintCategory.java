package cn.np700.portal.compliance;

/** What a citizen complains of. */
public enum ComplaintCategory {
    HARASSMENT, MARKETING, FRAUD, OTHER;

    public static ComplaintCategory parse(String typed) {
        for (ComplaintCategory category : values()) {
            if (category.name().equals(typed)) {
                return category;
            }
        }
        return null;
    }
}
