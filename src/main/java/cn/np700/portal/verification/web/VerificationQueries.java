package cn.np700.portal.verification.web;

import cn.np700.portal.scope.Scope;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.Verification;
import cn.np700.portal.verification.VerificationOutcome;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SqlWhere;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A tenant's checks, newest first; a number is found exactly by its keyed hash, never by scanning plaintext. */
@Component
class VerificationQueries {

    private final JdbcClient jdbc;

    VerificationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The checks in {@code scope}, narrowed by an operator's {@code filter} ({@link TenantFilter#ANY} on a tenant's own
     * page); {@code numberHash}: the keyed hash of the number to find, or null for all.
     */
    Page<Verification> find(Scope scope, TenantFilter filter, VerificationOutcome outcome, byte[] numberHash,
            PageQuery page) {
        SqlWhere where = new SqlWhere().within(scope, "tenant_id").narrowedTo(filter, "tenant_id");
        if (outcome != null) {
            where.and("outcome = ?", outcome.name());
        }
        if (numberHash != null) {
            where.and("mobile_hash = ?", (Object) numberHash);
        }
        return where.page(jdbc, "SELECT COUNT(*) FROM verification_record" + where.sql(),
                RealNameVerification.SELECT + where.sql() + " ORDER BY checked_at DESC, id DESC LIMIT ? OFFSET ?", page,
                RealNameVerification::map);
    }

    /** What checking a stored check again needs: its number (decrypted here, never shown) and how it was checked. */
    record Retry(byte[] mobileCipher, boolean threeElements) {
    }

    /** The tenant's own check {@code id}, for a retry; another tenant's is not found, like a missing one. */
    Optional<Retry> retry(TenantId tenant, long id) {
        return jdbc.sql("SELECT mobile_cipher, name_masked IS NOT NULL OR id_hash IS NOT NULL FROM verification_record "
                        + "WHERE id = ? AND tenant_id = ?")
                .params(id, tenant).query((rs, i) -> new Retry(rs.getBytes(1), rs.getBoolean(2))).optional();
    }
}
