package cn.np700.portal.tenancy;

/** Usernames: 3 to 50 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit. */
final class UsernameRules {

    static final String PATTERN = "^[a-z0-9][a-z0-9._-]{2,49}$";

    private UsernameRules() {
    }
}
