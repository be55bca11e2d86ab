package cn.np700.portal.seed.demo;

import cn.np700.portal.bindings.BindingInput;
import cn.np700.portal.bindings.BindingsAsActor;
import cn.np700.portal.consent.ConsentInput;
import cn.np700.portal.consent.Consents;
import cn.np700.portal.numbers.NumberOperations;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.VerificationSource;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * Demo bindings for 快达, made once through the real use cases as its agent (so the audit trail names them): couriers
 * and recipients verified (couriers' consents on record, recipients' sent with each binding), AXB bindings for delivery orders, two AXN customer-service lines, and a few unbound.
 */
@Component
public class BindingsDemoData {

    private static final String AGENT = "kuaida-agent";

    private final LoginAccounts accounts;
    private final NumberOperations numbers;
    private final RealNameVerification verification;
    private final BindingsAsActor bindings;
    private final UserDetailsService userDetails;
    private final Consents consents;

    BindingsDemoData(LoginAccounts accounts, NumberOperations numbers, RealNameVerification verification,
            BindingsAsActor bindings, UserDetailsService userDetails, Consents consents) {
        this.consents = consents;
        this.accounts = accounts;
        this.numbers = numbers;
        this.verification = verification;
        this.bindings = bindings;
        this.userDetails = userDetails;
    }

    public void run() {
        Optional<TenantId> kuaida = accounts.find(AGENT).map(LoginAccount::tenantId);
        if (kuaida.isEmpty() || bindings.count(kuaida.get()) > 0 || numbers.poolSize(kuaida.get()) == 0) {
            return;
        }
        signedInAs(AGENT, () -> load(kuaida.get()));
    }

    private void load(TenantId tenant) {
        String[] directions = {"BOTH", "BOTH", "BOTH", "B_TO_A_ONLY"};
        for (int i = 1; i <= 24; i++) {
            String courier = consented(tenant, verified(tenant, String.format("1370000%04d", 1 + i % 8)));
            String recipient = verified(tenant, String.format("1390000%04d", i));
            long hours = 2 + (i * 7L) % 70;
            String order = String.format("KD20261123%05d", i);
            // the courier's consent is on record; the recipient's comes with the order, sent with the binding request
            long binding = bindings.bind(tenant, AGENT, new BindingInput("AXB", recipient, courier, null, null,
                    hours * 3600, null, directions[i % directions.length], i % 3 == 0, order,
                    Map.of("a", new ConsentInput("APP", "order " + order, null))));
            if (i % 8 == 0) {
                bindings.unbind(tenant, binding, AGENT, "ORDER_DELIVERED");
            }
        }
        for (int i = 1; i <= 2; i++) {
            bindings.bind(tenant, AGENT, new BindingInput("AXN",
                    consented(tenant, verified(tenant, String.format("1360000%04d", i))),
                    null, verified(tenant, String.format("1350000%04d", i)), null, 6L * 24 * 3600, null, null, true,
                    "KD-SERVICE-" + i));
        }
    }

    private String verified(TenantId tenant, String mobile) {
        if (verification.currentlyVerified(tenant, mobile).isEmpty()) {
            verification.check(tenant, AGENT, VerificationSource.PORTAL,
                    new RealNameVerification.Subject(mobile, null, null));
        }
        return mobile;
    }

    private String consented(TenantId tenant, String mobile) {
        consents.record(tenant, AGENT, mobile, new ConsentInput("PAPER", "courier contract " + mobile.substring(7), null),
                "DEMO");
        return mobile;
    }

    private void signedInAs(String username, Runnable action) {
        UserDetails principal = userDetails.loadUserByUsername(username);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            action.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
