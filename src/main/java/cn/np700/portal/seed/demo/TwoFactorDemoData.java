package cn.np700.portal.seed.demo;

import cn.np700.portal.security.PresetCredentials;
import cn.np700.portal.tenancy.LoginAccounts;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Operators sign in with a second factor, so the demo operators come enrolled with one authenticator key published in
 * README.md and printed here (like the demo passwords): a newcomer adds it to any authenticator app, or computes the
 * code with {@code oathtool --totp -b <key>}. Demo data only, which never runs against a production database.
 */
@Component
public class TwoFactorDemoData {

    static final String SECRET = "DEMOTOTPSECRETPUBLISHEDINREADME2";
    static final List<String> OPERATORS = List.of("operator", "reviewer", "auditor");
    private static final Logger log = LoggerFactory.getLogger(TwoFactorDemoData.class);

    private final LoginAccounts accounts;
    private final PresetCredentials credentials;

    TwoFactorDemoData(LoginAccounts accounts, PresetCredentials credentials) {
        this.accounts = accounts;
        this.credentials = credentials;
    }

    public void run() {
        for (String username : OPERATORS) {
            accounts.find(username).ifPresent(a -> credentials.authenticatorKey(a.userId(), SECRET));
        }
        log.info("\n\n  Demo operators' two-factor key (TOTP, 6 digits, 30 s): {}\n  otpauth://totp/{}?secret={}&issuer={}\n",
                SECRET, "NP700%20Portal:operator", SECRET, "NP700%20Portal");
    }
}
