package cn.np700.portal.security.carrier;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface CarrierClientRecords extends ListCrudRepository<CarrierClient, Long> {

    boolean existsByName(String name);

    /** Those in use first, newest first. */
    @Query("SELECT * FROM carrier_client ORDER BY revoked_at IS NOT NULL, created_at DESC")
    List<CarrierClient> listed();

    /** One conditional UPDATE, so that of two operators revoking at once only one is told it was done (and audited). */
    @Modifying
    @Query("UPDATE carrier_client SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
    boolean revoke(long id, Instant at);
}
