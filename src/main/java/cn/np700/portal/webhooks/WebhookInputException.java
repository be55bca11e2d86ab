package cn.np700.portal.webhooks;

import java.util.List;

/** An endpoint's input refused, each problem with its field, stable code and message key; nothing was changed. */
class WebhookInputException extends RuntimeException {

    record Problem(String field, String code, String messageKey, String detail) {
    }

    private final transient List<Problem> problems;

    WebhookInputException(List<Problem> problems) {
        super(problems.get(0).detail());
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
