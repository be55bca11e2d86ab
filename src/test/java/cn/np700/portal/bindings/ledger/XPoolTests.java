package cn.np700.portal.bindings.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.support.PortalIntegrationTest;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The free-X scan: from a random point of the tenant's pool on, wrapping round to its first number. */
@PortalIntegrationTest
class XPoolTests {

    private static final byte[] PARTY = new byte[32];

    @Autowired
    TestBindings bindings;
    @Autowired
    XPool pool;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BindingLedger ledger;
    @Autowired
    DataSource dataSource;

    @Test
    void candidatesRunFromTheStartToThePoolsEndThenOnFromItsFirstNumber() {
        TestBindings.Ready tenant = bindings.tenant();
        bindings.poolBetween(tenant, tenant.x(0), tenant.x(9));
        List<Long> available = LongStream.rangeClosed(tenant.x(0), tenant.x(9)).boxed().toList();
        for (int i = 0; i < 20; i++) {
            List<Long> found = candidates(tenant);
            int start = available.indexOf(found.get(0));
            List<Long> wrapped = new ArrayList<>(available.subList(start, available.size()));
            wrapped.addAll(available.subList(0, start));
            assertThat(found).isEqualTo(wrapped.subList(0, 8));
        }
    }

    /**
     * A scan outside a transaction (as a creation makes it, before its own) gives its connection back: a stream of
     * the rows left open held it, and the pool ran dry after as many scans as it has connections.
     */
    @Test
    void scansOutsideATransactionGiveTheirConnectionsBack() throws SQLException {
        int poolSize = dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize();
        TestBindings.Ready tenant = bindings.tenant();
        bindings.poolBetween(tenant, tenant.x(0), tenant.x(9));
        for (int i = 0; i < 2 * poolSize; i++) {
            assertThat(candidates(tenant)).hasSize(8);
        }
    }

    /** Ordering the two halves' union in the statement made the server build and sort a temporary table per scan. */
    @Test
    void theScanMakesNoTemporaryTable() {
        TestBindings.Ready tenant = bindings.tenant();
        long[] made = ledger.transaction(status -> {
            long before = temporaryTables();
            long alone = temporaryTables() - before; // the status read makes its own
            long beforeScan = temporaryTables();
            candidates(tenant);
            return new long[] {alone, temporaryTables() - beforeScan};
        });
        assertThat(made[1]).as("temporary tables of a status read with a scan before it").isEqualTo(made[0]);
    }

    private List<Long> candidates(TestBindings.Ready tenant) {
        return pool.candidates(TenantId.of(tenant.tenantId()), BindingMode.AXB, List.of(PARTY, PARTY), 1000,
                Instant.now(), 8);
    }

    private long temporaryTables() {
        return jdbc.sql("SHOW SESSION STATUS LIKE 'Created_tmp_tables'").query((rs, n) -> rs.getLong(2)).single();
    }
}
