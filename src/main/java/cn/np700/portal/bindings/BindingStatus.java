package cn.np700.portal.bindings;

/** ACTIVE and SUSPENDED bindings are live: they hold their X until they end as EXPIRED or UNBOUND. */
public enum BindingStatus {
    ACTIVE, SUSPENDED, EXPIRED, UNBOUND;

    public boolean live() {
        return this == ACTIVE || this == SUSPENDED;
    }
}
