package cn.np700.portal.calls.routing;

/** Why a routing request is answered REJECT. */
public enum RejectReason {
    NO_BINDING, EXPIRED, DIRECTION_NOT_ALLOWED, NUMBER_SUSPENDED, BINDING_SUSPENDED, TENANT_SUSPENDED, BLACKLISTED
}
