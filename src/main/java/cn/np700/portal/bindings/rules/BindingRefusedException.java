package cn.np700.portal.bindings.rules;

import java.util.List;

/**
 * Why a binding request was refused: one or more problems, each with its code, the field it concerns (null for the
 * request as a whole) and a message key with arguments. Thrown before anything is written, or to roll back.
 */
public class BindingRefusedException extends RuntimeException {

    private final transient List<Problem> problems;

    public BindingRefusedException(List<Problem> problems) {
        super(problems.get(0).code() + " " + problems.get(0).messageKey());
        this.problems = List.copyOf(problems);
    }

    public BindingRefusedException(RefusalCode code, String field, String messageKey, Object... args) {
        this(List.of(new Problem(code, field, messageKey, args)));
    }

    public List<Problem> problems() {
        return problems;
    }

    public Problem first() {
        return problems.get(0);
    }

    public record Problem(RefusalCode code, String field, String messageKey, Object[] args) {
    }
}
