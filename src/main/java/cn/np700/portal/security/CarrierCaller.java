package cn.np700.portal.security;

/** The caller of the carrier API: a registered carrier client. Controllers take it as their principal. */
public record CarrierCaller(long clientId, String name) {

    public String actorName() {
        return "carrier:" + name;
    }
}
