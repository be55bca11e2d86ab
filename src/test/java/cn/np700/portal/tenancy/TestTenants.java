package cn.np700.portal.tenancy;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.accounts.UserAccount;
import cn.np700.portal.tenancy.accounts.UserAccounts;
import cn.np700.portal.tenancy.tenants.TenantForm;
import cn.np700.portal.tenancy.tenants.TenantRegistration;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Object mother: tenants and users with unique names, made through the real use cases and repositories. */
@Component
public class TestTenants {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantRegistration registration;
    private final UserAccounts users;
    private final PasswordEncoder encoder;
    private final Clock clock;

    TestTenants(TenantRegistration registration, UserAccounts users, PasswordEncoder encoder, Clock clock) {
        this.registration = registration;
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
    }

    public record Created(long tenantId, String adminUsername, long adminId, String oneTimePassword) {
    }

    public Created tenant() {
        String suffix = unique();
        TenantForm form = new TenantForm("测试企业" + suffix, creditCode(), "FOOD_DELIVERY", "10000",
                "联系人", "13800138000", "admin-" + suffix, "管理员" + suffix);
        TenantRegistration.Registered registered = registration.register(form);
        return new Created(registered.tenant().id(), registered.admin().username(), registered.admin().userId(),
                registered.admin().oneTimePassword());
    }

    /** A user who has already set their own password. */
    public long user(Long tenantId, String username, String password, Role role) {
        return users.save(UserAccount.create(TenantId.orNull(tenantId), username, username, encoder.encode(password), role, false,
                clock.instant())).id();
    }

    public static String unique() {
        return Integer.toString(SEQUENCE.incrementAndGet(), 36) + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    public static String creditCode() {
        StringBuilder sb = new StringBuilder("91310000");
        for (int i = 0; i < 9; i++) {
            sb.append(UnifiedSocialCreditCode.ALPHABET.charAt(RANDOM.nextInt(UnifiedSocialCreditCode.ALPHABET.length())));
        }
        return sb.append(UnifiedSocialCreditCode.checkCharacter(sb.toString())).toString();
    }
}
