package cn.np700.portal.bindings;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.DemoDataSetting;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.VerificationSource;
import java.util.function.Supplier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * Demo bindings for 快达, made once through the real use cases as its agent (so the audit trail names them): couriers
 * and recipients verified, AXB bindings for delivery orders, two AXN customer-service lines, and a few unbound.
 */
@Component
@Order(300)
class BindingsDemoData implements ApplicationRunner {

    private static final String AGENT = "kuaida-agent";

    private final DemoDataSetting setting;
    private final JdbcClient jdbc;
    private final LoginAccounts accounts;
    private final RealNameVerification verification;
    private final BindingCreation creation;
    private final BindingChanges changes;
    private final UserDetailsService userDetails;

    BindingsDemoData(DemoDataSetting setting, JdbcClient jdbc, LoginAccounts accounts, RealNameVerification verification,
            BindingCreation creation, BindingChanges changes, UserDetailsService userDetails) {
        this.setting = setting;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.verification = verification;
        this.creation = creation;
        this.changes = changes;
        this.userDetails = userDetails;
    }

    @Override
    public void run(ApplicationArguments args) {
        Long kuaida = accounts.find(AGENT).map(LoginAccount::tenantId).map(TenantId::value).orElse(null);
        if (!setting.enabled() || kuaida == null
                || jdbc.sql("SELECT COUNT(*) FROM binding WHERE tenant_id = ?").param(kuaida).query(Long.class).single() > 0
                || jdbc.sql("SELECT COUNT(*) FROM pool_number WHERE tenant_id = ?").param(kuaida).query(Long.class).single() == 0) {
            return;
        }
        signedInAs(AGENT, () -> {
            load(kuaida);
            return null;
        });
    }

    private void load(long tenantId) {
        Actor agent = new Actor(AGENT, null);
        String[] directions = {"BOTH", "BOTH", "BOTH", "B_TO_A_ONLY"};
        for (int i = 1; i <= 24; i++) {
            String courier = verified(tenantId, String.format("1370000%04d", 1 + i % 8));
            String recipient = verified(tenantId, String.format("1390000%04d", i));
            long hours = 2 + (i * 7L) % 70;
            Binding binding = creation.bind(tenantId, agent, new BindingInput("AXB", recipient, courier, null, null,
                    hours * 3600, null, directions[i % directions.length], i % 3 == 0, String.format("KD20261123%05d", i)),
                    false).binding();
            if (i % 8 == 0) {
                changes.unbind(tenantId, binding.id(), agent, "ORDER_DELIVERED");
            }
        }
        for (int i = 1; i <= 2; i++) {
            creation.bind(tenantId, agent, new BindingInput("AXN", verified(tenantId, String.format("1360000%04d", i)),
                    null, verified(tenantId, String.format("1350000%04d", i)), null, 6L * 24 * 3600, null, null, true,
                    "KD-SERVICE-" + i), false);
        }
    }

    private String verified(long tenantId, String mobile) {
        if (verification.currentlyVerified(TenantId.of(tenantId), mobile).isEmpty()) {
            verification.check(TenantId.of(tenantId), AGENT, VerificationSource.PORTAL, new RealNameVerification.Subject(mobile, null, null));
        }
        return mobile;
    }

    private <T> T signedInAs(String username, Supplier<T> action) {
        UserDetails principal = userDetails.loadUserByUsername(username);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
