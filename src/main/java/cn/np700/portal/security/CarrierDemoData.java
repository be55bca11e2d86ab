package cn.np700.portal.security;

import cn.np700.portal.security.carrier.CarrierClients;
import cn.np700.portal.tenancy.DemoDataSetting;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A demo carrier client whose credential is published in README.md (like the demo passwords), so that a newcomer can
 * call the carrier API with curl. Made only with demo data, which never runs against a production database.
 */
@Component
@Order(150)
class CarrierDemoData implements ApplicationRunner {

    static final String NAME = "demo-carrier";
    static final String SECRET = "np700c_demo-carrier-credential-published-in-README-0000000";

    private final DemoDataSetting setting;
    private final CarrierClients clients;
    private final JdbcClient jdbc;

    CarrierDemoData(DemoDataSetting setting, CarrierClients clients, JdbcClient jdbc) {
        this.setting = setting;
        this.clients = clients;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (setting.enabled()
                && jdbc.sql("SELECT COUNT(*) FROM carrier_client WHERE name = ?").param(NAME).query(Long.class).single() == 0) {
            clients.create(NAME, null, "demo-data", SECRET);
        }
    }
}
