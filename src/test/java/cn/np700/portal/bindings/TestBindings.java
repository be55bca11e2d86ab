package cn.np700.portal.bindings;

import cn.np700.portal.consent.ConsentInput;
import cn.np700.portal.consent.Consents;
import cn.np700.portal.numbers.TestNumbers;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestApiKeys;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.verification.PersonalDataCipher;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.VerificationSource;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Object mother for bindings: a fresh tenant holding a fresh block (through the real request and approval), with an
 * API key, and verified numbers (through the real verification, answered by the simulator) with their consents.
 */
@Component
public class TestBindings {

    private final TestNumbers numbers;
    private final TestApiKeys keys;
    private final RealNameVerification verification;
    private final JdbcClient jdbc;
    private final Consents consents;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    TestBindings(TestNumbers numbers, TestApiKeys keys, RealNameVerification verification, JdbcClient jdbc,
            Consents consents, PersonalDataCipher cipher, Clock clock) {
        this.consents = consents;
        this.clock = clock;
        this.cipher = cipher;
        this.numbers = numbers;
        this.keys = keys;
        this.verification = verification;
        this.jdbc = jdbc;
    }

    /** A tenant ready to bind: its block's first number, its admin's username and an API key. */
    public record Ready(long tenantId, String admin, String key, long firstX) {

        public long x(int suffix) {
            return firstX + suffix;
        }
    }

    public Ready tenant() {
        TestNumbers.Holding holding = numbers.holding(1);
        String key = keys.create(holding.tenantId(), "test-key", "");
        return new Ready(holding.tenantId(), holding.admin().username(), key, holding.number(0).value());
    }

    /** Leaves only {@code x} available in the tenant's pool (the others suspended), a pool of one X. */
    public void poolOfOne(Ready tenant, long x) {
        poolBetween(tenant, x, x);
    }

    /** Leaves only the numbers from {@code first} to {@code last} available in the tenant's pool. */
    public void poolBetween(Ready tenant, long first, long last) {
        jdbc.sql("UPDATE pool_number SET status = 'SUSPENDED' WHERE tenant_id = ? AND number NOT BETWEEN ? AND ?")
                .params(tenant.tenantId(), first, last).update();
    }

    /** A new number with a current VERIFIED result of the tenant and its user's consent on record: ready to bind. */
    public String verified(long tenantId) {
        return consented(tenantId, verifiedOnly(tenantId));
    }

    /** A new number with a current VERIFIED result of the tenant, but no consent. */
    public String verifiedOnly(long tenantId) {
        String mobile = TestMobiles.withPrefix("139");
        verification.check(TenantId.of(tenantId), "test", VerificationSource.PORTAL, new RealNameVerification.Subject(mobile, null, null));
        return mobile;
    }

    /** The tenant's VERIFIED results for the number ran out a minute ago, as they do {@code validFor} after the check. */
    public void lapseVerification(long tenantId, String mobile) {
        jdbc.sql("UPDATE verification_record SET valid_until = ? WHERE tenant_id = ? AND mobile_hash = ?")
                .params(Timestamp.from(clock.instant().minusSeconds(60)), tenantId, cipher.index(mobile)).update();
    }

    /** The verifications the tenant asked for, whatever their outcome. */
    public long verificationsOf(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM verification_record WHERE tenant_id = ?").param(tenantId).query(Long.class)
                .single();
    }

    /** Records the number's consent in the tenant (the API's and the page's use case). */
    public String consented(long tenantId, String mobile) {
        consents.record(TenantId.of(tenantId), "test", mobile, new ConsentInput("APP", "test", null), "API");
        return mobile;
    }

    public int liveOn(long x) {
        return jdbc.sql("SELECT live_bindings FROM pool_number WHERE number = ?").param(x).query(Integer.class).single();
    }

    public long bindingsOf(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    public long slotsOf(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM binding_slot s JOIN binding b ON b.id = s.binding_id WHERE b.tenant_id = ?")
                .param(tenantId).query(Long.class).single();
    }

    public int usageLive(long tenantId) {
        return jdbc.sql("SELECT COALESCE(SUM(live), 0) FROM binding_usage WHERE tenant_id = ?").param(tenantId)
                .query(Integer.class).single();
    }

    public long audits(String action, long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND tenant_id = ?").params(action, tenantId)
                .query(Long.class).single();
    }

    public static String display(long x) {
        return UsageNumber.display(x);
    }

    /** The tenant API's AXB creation for {@code a} and {@code b}, an hour long; the caller states what it expects. */
    public static ResultActions postAxb(MockMvc mvc, Ready tenant, String a, String b) throws Exception {
        return mvc.perform(post("/api/v1/bindings").header("Authorization", "Bearer " + tenant.key())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"mode\":\"AXB\",\"a\":\"" + a + "\",\"b\":\"" + b + "\",\"expiresInSeconds\":3600}"));
    }
}
