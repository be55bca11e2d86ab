package cn.np700.portal.security.carrier;

import static cn.np700.portal.security.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.security.apikeys.ApiKeys;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.TestTenants;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Carrier clients are registered, listed and revoked through their aggregate, each change audited once. */
@PortalIntegrationTest
class CarrierClientRegistrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    CarrierClients clients;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aRegisteredClientKeepsOnlyItsHashAndIsListedInUse() throws Exception {
        String name = "carrier-" + TestTenants.unique();
        mvc.perform(post("/operator/carrier-clients").param("name", name).param("allowedCidrs", "203.0.113.0/24")
                        .with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(containsString(CarrierClients.PREFIX)));

        CarrierClient stored = clients.all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        assertThat(stored.allowedCidrs()).isEqualTo("203.0.113.0/24");
        assertThat(stored.createdBy()).isEqualTo("operator");
        assertThat(stored.revoked()).isFalse();
        assertThat(stored.secretHash()).hasSize(64);
        assertThat(audits("CARRIER_CLIENT_CREATED", stored.id())).isEqualTo(1);
        mvc.perform(get("/operator/carrier-clients").with(as(accounts, "operator")))
                .andExpect(content().string(containsString(name)));
    }

    @Test
    void aSecondClientOfTheSameNameIsRefusedNextToTheFieldAndNothingIsStored() throws Exception {
        String name = "carrier-" + TestTenants.unique();
        clients.create(name, null, "test");
        long before = count();

        mvc.perform(post("/operator/carrier-clients").param("name", name).param("allowedCidrs", "")
                        .with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("form", "name", "apiKey.name.duplicate"));

        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aClientIsRevokedOnceAndItsCredentialStopsWorking() throws Exception {
        CarrierClients.Created created = clients.create("carrier-" + TestTenants.unique(), null, "test");
        assertThat(clients.find(created.secret())).hasValueSatisfying(p -> assertThat(p.revoked()).isFalse());

        mvc.perform(post("/operator/carrier-clients/" + created.id() + "/revoke").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "carrier.revoked"));
        mvc.perform(post("/operator/carrier-clients/" + created.id() + "/revoke").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("error", "apiKey.alreadyRevoked"));

        assertThat(audits("CARRIER_CLIENT_REVOKED", created.id())).isEqualTo(1);
        assertThat(clients.find(created.secret())).hasValueSatisfying(p -> assertThat(p.revoked()).isTrue());
        List<CarrierClient> listed = clients.all();
        assertThat(listed.get(listed.size() - 1).revoked()).isTrue();
        mvc.perform(post("/operator/carrier-clients/999999999/revoke").with(as(accounts, "operator")).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void revokingKeepsTheLastUseRoutingMarked() {
        CarrierClients.Created created = clients.create("carrier-" + TestTenants.unique(), null, "test");
        Instant used = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("UPDATE carrier_client SET last_used_at = ? WHERE id = ?").params(Timestamp.from(used), created.id()).update();

        assertThat(clients.revoke(created.id())).isTrue();

        CarrierClient revoked = clients.all().stream().filter(c -> c.id().equals(created.id())).findFirst().orElseThrow();
        assertThat(revoked.lastUsedAt()).isEqualTo(used);
        assertThat(revoked.secretHash()).isEqualTo(ApiKeys.hash(created.secret()));
    }

    private long audits(String action, long id) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND target_id = ?").params(action, Long.toString(id))
                .query(Long.class).single();
    }

    private long count() {
        return jdbc.sql("SELECT COUNT(*) FROM carrier_client").query(Long.class).single();
    }
}
