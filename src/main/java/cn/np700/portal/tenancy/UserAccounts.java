package cn.np700.portal.tenancy;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserAccounts extends ListCrudRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsername(String username);

    /** Scoped look-up: a user of another scope is simply not found. Operators have a null tenant. */
    @Query("SELECT * FROM user_account WHERE id = :id AND tenant_id <=> :tenantId")
    Optional<UserAccount> findInScope(long id, Long tenantId);

    @Query("SELECT COUNT(*) FROM user_account WHERE tenant_id <=> :tenantId AND role = :role AND enabled = TRUE")
    long countEnabled(Long tenantId, String role);
}
