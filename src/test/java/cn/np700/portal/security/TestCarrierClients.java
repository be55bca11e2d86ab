package cn.np700.portal.security;

import cn.np700.portal.security.carrier.CarrierClients;
import org.springframework.stereotype.Component;

/** Carrier credentials for tests in other packages, made through the real client store. */
@Component
public class TestCarrierClients {

    private final CarrierClients clients;

    TestCarrierClients(CarrierClients clients) {
        this.clients = clients;
    }

    public String create(String allowedCidrs) {
        return clients.create("carrier-" + cn.np700.portal.tenancy.TestTenants.unique(), allowedCidrs, "test").secret();
    }

    public void revoke(String secret) {
        clients.find(secret).ifPresent(client -> clients.revoke(client.id()));
    }
}
