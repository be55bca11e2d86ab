package cn.np700.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tenant-condition check on planted statements: it names exactly the tenant-owned tables left unconstrained. */
class TenantConditionTests {

    private final TenantCondition check = new TenantCondition(Set.of("binding", "call_record", "pool_number"));

    @Test
    void aStatementWithoutTheTenantConditionIsReported() {
        assertThat(check.unconstrained("SELECT id, x FROM binding WHERE status = 'ACTIVE' ORDER BY id"))
                .containsExactly("binding");
        assertThat(check.unconstrained("SELECT COUNT(*) FROM binding WHERE 1 = 1 AND (status = ?)"))
                .containsExactly("binding");
    }

    @Test
    void anIdKeyedStatementIsReported() {
        assertThat(check.unconstrained("UPDATE binding SET status = 'UNBOUND', version = version + 1 WHERE id = ?"))
                .containsExactly("binding");
        assertThat(check.unconstrained("DELETE FROM call_record WHERE id IN (?, ?)")).containsExactly("call_record");
    }

    @Test
    void aStatementWithTheTenantConditionPasses() {
        assertThat(check.unconstrained("SELECT COUNT(*) FROM binding WHERE 1 = 1 AND (tenant_id = ?) AND (status = ?)"))
                .isEmpty();
        assertThat(check.unconstrained("UPDATE binding SET status = ? WHERE id = ? AND tenant_id = ?")).isEmpty();
        assertThat(check.unconstrained("SELECT b.id FROM binding AS b WHERE b.tenant_id IN (?, ?)")).isEmpty();
        assertThat(check.unconstrained("SELECT * FROM `binding` WHERE ? = tenant_id")).isEmpty();
        assertThat(check.unconstrained("INSERT INTO binding (tenant_id, x, a) VALUES (?, ?, ?)")).isEmpty();
    }

    @Test
    void eachTableOfAJoinNeedsItsOwnConditionOrOneCarriedOverFromAConstrainedTable() {
        assertThat(check.unconstrained("""
                SELECT c.id FROM call_record c JOIN binding b ON b.id = c.binding_id
                WHERE c.tenant_id = ? AND b.tenant_id = c.tenant_id""")).isEmpty();
        assertThat(check.unconstrained("""
                SELECT c.id FROM call_record c JOIN binding b ON b.id = c.binding_id WHERE c.tenant_id = ?"""))
                .containsExactly("binding");
        assertThat(check.unconstrained("SELECT p.x FROM pool_number p, binding b WHERE b.x = p.x AND b.tenant_id = ?"))
                .containsExactly("pool_number");
        assertThat(check.unconstrained("""
                SELECT b.id FROM binding b WHERE b.tenant_id = ?
                AND NOT EXISTS (SELECT 1 FROM call_record c WHERE c.binding_id = b.id)""")).containsExactly("call_record");
    }

    @Test
    void aTableTiedToTheOneTenantRowOfTheStatementIsConstrained() {
        assertThat(check.unconstrained("""
                SELECT t.name, (SELECT COUNT(*) FROM binding b WHERE b.tenant_id = t.id) FROM tenant t WHERE t.id = ?"""))
                .isEmpty();
        assertThat(check.unconstrained("""
                SELECT t.name, (SELECT COUNT(*) FROM binding b WHERE b.tenant_id = t.id) FROM tenant t WHERE t.status = ?"""))
                .containsExactly("binding");
    }

    @Test
    void aListOfPlaceholdersReadsAsOne() {
        assertThat(TenantCondition.normalize("SELECT id FROM binding WHERE id IN (?, ?,?)"))
                .isEqualTo(TenantCondition.normalize("select id\n  from binding where id in (?)"));
    }

    @Test
    void anInsertThatLeavesOutTheTenantAndTablesNotOwnedByATenantAreToldApart() {
        assertThat(check.unconstrained("INSERT INTO pool_number (x, status) VALUES (?, 'FREE')"))
                .containsExactly("pool_number");
        assertThat(check.unconstrained("SELECT status FROM tenant WHERE id = ?")).isEmpty();
        assertThat(check.touched("SELECT status FROM tenant WHERE id = ?")).isEmpty();
        assertThat(check.touched("INSERT INTO binding (tenant_id) SELECT id FROM tenant")).containsExactly("binding");
        assertThat(check.unconstrained("-- tenant_id = ? in a comment\nSELECT id FROM binding WHERE note = 'tenant_id = 1'"))
                .containsExactly("binding");
    }

    @Test
    void theTenantOwnedTablesComeFromTheChangelogs() {
        Set<String> tables = Changelogs.tenantOwnedTables(Path.of("db/changelog"));
        assertThat(tables).contains("binding", "call_record", "verification_record", "audit_entry", "user_account")
                .doesNotContain("tenant", "risk_rule");
    }
}
