package cn.np700.portal.seed.bench;

import cn.np700.portal.security.PresetCredentials;
import org.springframework.stereotype.Component;

/** One API key per bench enterprise, with a secret the load generator derives from the tenant's number. */
@Component
public class BenchApiKeys {

    private final BenchPlan plan;
    private final BenchAdmins admins;
    private final PresetCredentials credentials;

    BenchApiKeys(BenchPlan plan, BenchAdmins admins, PresetCredentials credentials) {
        this.plan = plan;
        this.admins = admins;
        this.credentials = credentials;
    }

    static String secret(int t) {
        return PresetCredentials.API_KEY_PREFIX + String.format("bench-tenant-%02d-local-benchmark-key-", t)
                + "0".repeat(18);
    }

    public void run() {
        for (int t = 1; t <= plan.tenants(); t++) {
            credentials.apiKey(admins.tenantOf(t), "bench", BenchPlan.LOADER, secret(t));
        }
    }
}
