package cn.np700.portal.numbers;

/** A refused action, named by a message key with its arguments; whatever the action began is rolled back. */
public class NumberRuleException extends RuntimeException {

    private final String key;
    private final transient Object[] args;

    public NumberRuleException(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = args;
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args;
    }
}
