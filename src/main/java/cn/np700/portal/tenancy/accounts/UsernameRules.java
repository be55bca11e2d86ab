package cn.np700.portal.tenancy.accounts;

/** Usernames: 3 to 50 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit. */
public final class UsernameRules {

    public static final String PATTERN = "^[a-z0-9][a-z0-9._-]{2,49}$";

    private UsernameRules() {
    }
}
