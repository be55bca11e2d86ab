package cn.np700.portal.bindings.web;

/** Unbinding asks for a ticked box, so that it works, and is deliberate, without script. */
record UnbindForm(String confirm) {

    static UnbindForm empty() {
        return new UnbindForm(null);
    }

    boolean confirmed() {
        return "true".equals(confirm) || "on".equals(confirm);
    }
}
