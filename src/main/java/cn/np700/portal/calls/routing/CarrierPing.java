package cn.np700.portal.calls.routing;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/carrier/v1/ping}: 204 with no work behind it, through the carrier API's security chain. The
 * benchmark's floor: what the same server costs for a carrier request that does nothing, measured beside route.
 */
@RestController
class CarrierPing {

    @GetMapping("/api/carrier/v1/ping")
    ResponseEntity<Void> ping() {
        return ResponseEntity.noContent().build();
    }
}
