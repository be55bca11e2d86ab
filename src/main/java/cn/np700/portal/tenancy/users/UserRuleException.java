package cn.np700.portal.tenancy.users;

/** A user change refused by a rule (last admin, own account, role outside the scope); carries the message code. */
class UserRuleException extends RuntimeException {

    private final String code;

    UserRuleException(String code) {
        super(code);
        this.code = code;
    }

    String code() {
        return code;
    }
}
