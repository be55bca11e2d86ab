package cn.np700.portal.webhooks;

/** An endpoint was added, changed or disabled: this node's subscriptions are read again once that commits. */
record EndpointsChanged() {
}
