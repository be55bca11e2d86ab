package cn.np700.portal.security;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.apikeys.ApiKeys;
import org.springframework.stereotype.Component;

/** API keys for tests in other packages, made through the real key store (hashed, with an optional allowlist). */
@Component
public class TestApiKeys {

    private final ApiKeys keys;

    TestApiKeys(ApiKeys keys) {
        this.keys = keys;
    }

    /** The secret of a new key of the tenant. */
    public String create(long tenantId, String name, String allowedCidrs) {
        return keys.create(TenantId.of(tenantId), name, allowedCidrs, "test").secret();
    }

    public void revoke(long tenantId, String secret) {
        keys.find(secret).ifPresent(key -> keys.revoke(TenantId.of(tenantId), key.id()));
    }
}
