package cn.np700.portal.security;

import cn.np700.portal.security.twofactor.Totp;
import cn.np700.portal.security.twofactor.TotpEnrolments;
import cn.np700.portal.tenancy.DemoDataSetting;
import cn.np700.portal.tenancy.LoginAccounts;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Operators sign in with a second factor, so the demo operators come enrolled with one authenticator key published in
 * README.md and printed here (like the demo passwords): a newcomer adds it to any authenticator app, or computes the
 * code with {@code oathtool --totp -b <key>}. Demo data only, which never runs against a production database.
 */
@Component
@Order(160)
class TwoFactorDemoData implements ApplicationRunner {

    static final String SECRET = "DEMOTOTPSECRETPUBLISHEDINREADME2";
    static final List<String> OPERATORS = List.of("operator", "reviewer", "auditor");
    private static final Logger log = LoggerFactory.getLogger(TwoFactorDemoData.class);

    private final DemoDataSetting setting;
    private final LoginAccounts accounts;
    private final TotpEnrolments enrolments;
    private final Clock clock;

    TwoFactorDemoData(DemoDataSetting setting, LoginAccounts accounts, TotpEnrolments enrolments, Clock clock) {
        this.setting = setting;
        this.accounts = accounts;
        this.enrolments = enrolments;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!setting.enabled()) {
            return;
        }
        for (String username : OPERATORS) {
            accounts.find(username).filter(a -> !enrolments.enrolled(a.userId()))
                    .ifPresent(a -> enrolments.enrol(a.userId(), Totp.fromBase32(SECRET), 0, clock.instant()));
        }
        log.info("\n\n  Demo operators' two-factor key (TOTP, 6 digits, 30 s): {}\n  otpauth://totp/{}?secret={}&issuer={}\n",
                SECRET, "NP700%20Portal:operator", SECRET, "NP700%20Portal");
    }
}
