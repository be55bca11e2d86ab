package cn.np700.portal.seed.demo;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.BusinessCategory;
import cn.np700.portal.tenancy.LoginAccounts;
import cn.np700.portal.tenancy.Role;
import cn.np700.portal.tenancy.SystemMadeAccounts;
import cn.np700.portal.tenancy.UnifiedSocialCreditCode;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo operators and two fictional enterprises, loaded once (when the operator account is missing) and
 * printed at every start, so a newcomer can sign in straight away.
 */
@Component
public class DemoData {

    public static final String PASSWORD = "demo700-portal";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final LoginAccounts accounts;
    private final SystemMadeAccounts made;
    private final PasswordEncoder encoder;
    private final TransactionTemplate tx;

    DemoData(LoginAccounts accounts, SystemMadeAccounts made, PasswordEncoder encoder, TransactionTemplate tx) {
        this.accounts = accounts;
        this.made = made;
        this.encoder = encoder;
        this.tx = tx;
    }

    record DemoLogin(String username, Role role, String enterprise) {
    }

    static final List<DemoLogin> LOGINS = List.of(
            new DemoLogin("operator", Role.OPERATOR_ADMIN, null),
            new DemoLogin("reviewer", Role.OPERATOR_REVIEWER, null),
            new DemoLogin("auditor", Role.AUDITOR, null),
            new DemoLogin("kuaida-admin", Role.ENTERPRISE_ADMIN, "快达物流"),
            new DemoLogin("kuaida-agent", Role.ENTERPRISE_AGENT, "快达物流"),
            new DemoLogin("meiwei-admin", Role.ENTERPRISE_ADMIN, "美味外卖"),
            new DemoLogin("meiwei-agent", Role.ENTERPRISE_AGENT, "美味外卖"));

    public void run() {
        if (accounts.find("operator").isEmpty()) {
            tx.executeWithoutResult(status -> load());
        }
        StringBuilder banner = new StringBuilder("\n\n  Demo logins (password for all: " + PASSWORD + ")\n");
        LOGINS.forEach(l -> banner.append(String.format("    %-14s %-18s %s%n", l.username(), l.role(),
                l.enterprise() == null ? "" : l.enterprise())));
        log.info(banner.toString());
    }

    private void load() {
        String hash = encoder.encode(PASSWORD);
        TenantId kuaida = tenant("快达物流有限公司", "91310000MA1FL2XQ3", BusinessCategory.EXPRESS_LOGISTICS, 800_000,
                "陈晓明", "13800138001");
        TenantId meiwei = tenant("美味外卖科技有限公司", "91440300MA5G8T7K2", BusinessCategory.FOOD_DELIVERY, 1_500_000,
                "林佳怡", "13900139002");
        for (DemoLogin login : LOGINS) {
            Optional<TenantId> tenant = login.enterprise() == null ? Optional.empty()
                    : Optional.of(login.username().startsWith("kuaida") ? kuaida : meiwei);
            String display = switch (login.username()) {
                case "operator" -> "平台管理员";
                case "reviewer" -> "号码审核员";
                case "auditor" -> "审计员";
                case "kuaida-admin" -> "快达管理员";
                case "kuaida-agent" -> "快达客服";
                case "meiwei-admin" -> "美味管理员";
                default -> "美味客服";
            };
            made.createUser(tenant, login.username(), display, hash, login.role());
        }
    }

    private TenantId tenant(String name, String first17, BusinessCategory category, long volume, String contact,
            String mobile) {
        return made.createTenant(name, first17 + UnifiedSocialCreditCode.checkCharacter(first17), category, volume,
                contact, mobile);
    }
}
