package cn.np700.portal.suspension;

/** Where a suspension reason comes from: a risk alert, an operator's own action, or a citizen's complaint. */
public enum SuspensionSource {
    ALERT, OPERATOR, COMPLAINT
}
