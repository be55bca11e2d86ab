package cn.np700.portal.tenancy.accounts;

import cn.np700.portal.scope.TenantId;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

public interface UserAccounts extends ListCrudRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsername(String username);

    /** Scoped look-up: a user of another tenant is simply not found. */
    @Query("SELECT * FROM user_account WHERE id = :id AND tenant_id = :tenant")
    Optional<UserAccount> findOfTenant(long id, TenantId tenant);

    /** An operator's account: one of no tenant. */
    @Query("SELECT * FROM user_account WHERE id = :id AND tenant_id IS NULL")
    Optional<UserAccount> findOperator(long id);
}
