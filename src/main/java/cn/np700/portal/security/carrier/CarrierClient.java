package cn.np700.portal.security.carrier;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A carrier platform's credential: the aggregate operators register and revoke. Its last use is marked by routing
 * on its own connections ({@link CarrierClients}), never written back from here.
 */
@Table("carrier_client")
record CarrierClient(@Id Long id, String name, String prefix, String secretHash, String allowedCidrs, Instant createdAt,
        String createdBy, Instant revokedAt, @ReadOnlyProperty Instant lastUsedAt) {

    static CarrierClient register(String name, String prefix, String secretHash, String allowedCidrs, String createdBy,
            Instant now) {
        return new CarrierClient(null, name, prefix, secretHash, allowedCidrs, now, createdBy, null, null);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
