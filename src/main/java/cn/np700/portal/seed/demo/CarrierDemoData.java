package cn.np700.portal.seed.demo;

import cn.np700.portal.security.PresetCredentials;
import org.springframework.stereotype.Component;

/**
 * A demo carrier client whose credential is published in README.md (like the demo passwords), so that a newcomer can
 * call the carrier API with curl. Made only with demo data, which never runs against a production database.
 */
@Component
public class CarrierDemoData {

    static final String NAME = "demo-carrier";
    static final String SECRET = "np700c_demo-carrier-credential-published-in-README-0000000";

    private final PresetCredentials credentials;

    CarrierDemoData(PresetCredentials credentials) {
        this.credentials = credentials;
    }

    public void run() {
        credentials.carrierClient(NAME, "demo-data", SECRET);
    }
}
