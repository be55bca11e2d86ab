package cn.np700.portal.calls.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.test.web.servlet.MockMvc;

/** The benchmark's floor: 204 for a carrier credential, and the carrier API's refusals for anything else. */
@PortalIntegrationTest
class CarrierPingTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    TestBindings bindings;
    @Autowired
    SecurityObservationSettings securityObservations;

    @Test
    void aCarrierCredentialGetsNoContent() throws Exception {
        mvc.perform(get("/api/carrier/v1/ping").header("Authorization", "Bearer " + carriers.create("")))
                .andExpect(status().isNoContent()).andExpect(content().string(""));
    }

    @Test
    void withoutACarrierCredentialItIsRefused() throws Exception {
        mvc.perform(get("/api/carrier/v1/ping")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/carrier/v1/ping").header("Authorization", "Bearer " + bindings.tenant().key()))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value("INVALID_CREDENTIAL"));
        String revoked = carriers.create("");
        carriers.revoke(revoked);
        mvc.perform(get("/api/carrier/v1/ping").header("Authorization", "Bearer " + revoked))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/carrier/v1/ping").header("Authorization", "Bearer " + carriers.create("10.9.0.0/16")))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("IP_NOT_ALLOWED"));
    }

    /** Every carrier call (routing, the floor) passes twenty security filters: none may be wrapped to be observed. */
    @Test
    void securityFiltersAreNotObserved() {
        assertThat(securityObservations.shouldObserveRequests()).isFalse();
        assertThat(securityObservations.shouldObserveAuthentications()).isFalse();
        assertThat(securityObservations.shouldObserveAuthorizations()).isFalse();
    }
}
