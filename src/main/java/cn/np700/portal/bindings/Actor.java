package cn.np700.portal.bindings;

/** Who changes a binding: a portal user's name or {@code api:<key name>}, with the key's id for API callers. */
public record Actor(String name, Long apiKeyId) {

    static final Actor SYSTEM = new Actor("system", null);
}
