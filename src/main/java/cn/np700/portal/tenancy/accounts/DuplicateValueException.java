package cn.np700.portal.tenancy.accounts;

/** A unique value (credit code, username) is already taken; raised from the database's unique key, so races are covered. */
public class DuplicateValueException extends RuntimeException {

    private final String field;

    DuplicateValueException(String field) {
        super(field + " already taken");
        this.field = field;
    }

    public String field() {
        return field;
    }

    public static DuplicateValueException from(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("uk_tenant_credit_code")) {
            return new DuplicateValueException("creditCode");
        }
        if (message.contains("uk_user_username")) {
            return new DuplicateValueException("username");
        }
        throw e;
    }
}
