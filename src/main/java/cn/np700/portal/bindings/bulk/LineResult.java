package cn.np700.portal.bindings.bulk;

import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import java.util.Arrays;
import java.util.List;

/**
 * What became of one line: OK with its binding and what happened to it (CREATED, REPEATED, ENDED, ALREADY_ENDED),
 * or REFUSED with the single request's problem (code, field, message key and arguments).
 */
record LineResult(int lineNo, boolean ok, Long bindingId, Long x, String detail, String code, String field,
        String messageKey, List<Object> args) {

    static LineResult ok(int lineNo, Binding binding, String detail) {
        return new LineResult(lineNo, true, binding.id(), binding.x(), detail, null, null, null, List.of());
    }

    static LineResult refused(int lineNo, BindingRefusedException.Problem problem) {
        return new LineResult(lineNo, false, null, null, null, problem.code().name(), problem.field(),
                problem.messageKey(), problem.args() == null ? List.of() : Arrays.asList(problem.args()));
    }

    /** Its name in the run's counts: created, repeated, ended, alreadyEnded, or refused.CODE. */
    String countName() {
        if (!ok) {
            return "refused." + code;
        }
        return switch (detail) {
            case "CREATED" -> "created";
            case "REPEATED" -> "repeated";
            case "ENDED" -> "ended";
            default -> "alreadyEnded";
        };
    }
}
