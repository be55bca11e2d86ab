package cn.np700.portal.compliance;

/** The public complaint form as typed; {@code website} is the honeypot a person never sees and so leaves empty. */
public record ComplaintForm(String number, String category, String description, String contact, String website) {

    static final int DESCRIPTION_MAX = 1_000;
    static final int CONTACT_MAX = 100;

    static ComplaintForm about(String number) {
        return new ComplaintForm(number, null, null, null, null);
    }

    boolean trapped() {
        return website != null && !website.isEmpty();
    }

    String trimmedDescription() {
        return description == null ? "" : description.strip();
    }

    /** Null when left empty. */
    String trimmedContact() {
        return contact == null || contact.isBlank() ? null : contact.strip();
    }
}
