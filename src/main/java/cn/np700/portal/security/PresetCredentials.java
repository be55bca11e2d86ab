package cn.np700.portal.security;

import cn.np700.portal.security.twofactor.TotpEnrolments;
import cn.np700.portal.security.twofactor.Totp;
import cn.np700.portal.security.carrier.CarrierClients;
import cn.np700.portal.security.apikeys.ApiKeys;
import cn.np700.portal.scope.TenantId;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Credentials whose secret is given, not generated: the demo data's published ones and the benchmark's, which its
 * load generator derives. Each is made once; a credential already there is left as it is.
 */
@Component
public class PresetCredentials {

    /** What every tenant API key's secret starts with. */
    public static final String API_KEY_PREFIX = ApiKeys.PREFIX;

    private final CarrierClients clients;
    private final ApiKeys keys;
    private final TotpEnrolments enrolments;
    private final JdbcClient jdbc;
    private final Clock clock;

    PresetCredentials(CarrierClients clients, ApiKeys keys, TotpEnrolments enrolments, JdbcClient jdbc, Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.enrolments = enrolments;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A carrier client of this name, unless there is one. */
    public void carrierClient(String name, String createdBy, String secret) {
        if (!clients.named(name)) {
            clients.create(name, null, createdBy, secret);
        }
    }

    /** An API key of this name for the tenant, unless it has one. */
    public void apiKey(TenantId tenant, String name, String createdBy, String secret) {
        if (jdbc.sql("SELECT COUNT(*) FROM api_key WHERE tenant_id = ? AND name = ?").params(tenant, name)
                .query(Long.class).single() == 0) {
            keys.create(tenant, name, null, createdBy, secret);
        }
    }

    /** The user's second factor with this (base32) key, unless the user has one. */
    public void authenticatorKey(long userId, String base32Secret) {
        if (!enrolments.enrolled(userId)) {
            enrolments.enrol(userId, Totp.fromBase32(base32Secret), 0, clock.instant());
        }
    }
}
