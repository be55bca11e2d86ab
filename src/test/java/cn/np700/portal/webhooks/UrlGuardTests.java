package cn.np700.portal.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard as configured in production (nothing allowed) and with loopback allowed, as the tests run it. */
class UrlGuardTests {

    private static UrlGuard guard(List<String> allowed, boolean plainHttp) {
        Duration d = Duration.ofSeconds(1);
        return new UrlGuard(new WebhookProperties(allowed, plainHttp, d, d, d, d, d, d, d, d, 10, 4, 10, 10,
                new WebhookProperties.Delivery(d, true)));
    }

    private final UrlGuard production = guard(List.of(), false);

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/h", "https://[::1]/h", "https://10.1.2.3/h", "https://172.16.0.1/h",
            "https://192.168.1.1/h", "https://169.254.169.254/latest/meta-data", "https://[fd00:ec2::254]/h",
            "https://100.64.0.1/h", "https://224.0.0.1/h", "https://0.0.0.0/h", "https://[fe80::1]/h",
            "https://[::ffff:10.0.0.1]/h", "https://localhost/h"})
    void inwardAddressesAreRefused(String url) {
        assertThatThrownBy(() -> production.check(url)).isInstanceOfSatisfying(UrlGuard.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo("ADDRESS_REFUSED"));
    }

    @Test
    void aPublicAddressOverHttpsIsAccepted() throws Exception {
        assertThat(production.check("https://93.184.215.14/hooks").getHost()).isEqualTo("93.184.215.14");
    }

    @Test
    void plainHttpNeedsTheOperatorsLeave() {
        assertThatThrownBy(() -> production.check("http://93.184.215.14/hooks")).isInstanceOfSatisfying(UrlGuard.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo("HTTPS_REQUIRED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.215.14/", "https://user:pw@93.184.215.14/", "not a url", "https:///nohost", ""})
    void whatIsNoUsableUrlIsRefusedAsSuch(String url) {
        assertThatThrownBy(() -> production.check(url)).isInstanceOfSatisfying(UrlGuard.Refused.class,
                refused -> assertThat(refused.code()).isEqualTo("INVALID_URL"));
    }

    @Test
    void allowedNetworksLetOnlyTheirOwnAddressesThrough() throws Exception {
        UrlGuard loopback = guard(List.of("127.0.0.0/8", "::1/128"), true);
        assertThat(loopback.check("http://127.0.0.1:8080/h").getPort()).isEqualTo(8080);
        assertThat(loopback.check("http://[::1]:8080/h").getPort()).isEqualTo(8080);
        assertThatThrownBy(() -> loopback.check("http://10.0.0.1/h")).isInstanceOf(UrlGuard.Refused.class);
        assertThatThrownBy(() -> loopback.check("http://169.254.169.254/h")).isInstanceOf(UrlGuard.Refused.class);
    }
}
