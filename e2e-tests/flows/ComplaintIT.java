package flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pages.CheckPage;
import pages.ComplaintQueuePage;
import pages.LiveBindings;
import pages.LoginPage;
import pages.OperatorBlockPage;
import pages.RiskAlertsPage;
import pages.Shell;
import support.E2eTest;

/**
 * A citizen checks the X of a live binding and complains about it (with two others: enough to raise the complaints
 * alert); an operator finds the complaint and the alert, suspends the
 * number, and the carrier's routing requests for it are then rejected as NUMBER_SUSPENDED.
 */
class ComplaintIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";
    private static final String CARRIER_CREDENTIAL = "np700c_demo-carrier-credential-published-in-README-0000000";
    /** Not a party of any demo binding (those are 135/136/137/139 0000 xxxx). */
    private static final String STRANGER = "18800001234";
    /** The real numbers of the demo bindings' parties. */
    private static final Pattern DEMO_PARTY = Pattern.compile("(?<!\\d)1[35679]0000\\d{4}(?!\\d)");
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");

    @Test
    void aCitizensComplaintLeadsAnOperatorToSuspendTheNumberAndCallsToItAreRejected() throws Exception {
        // 0. the X of a live AXB demo binding of 快达 (AXN would connect any caller), read by its agent
        LoginPage.open(driver, app).signIn("kuaida-agent", PASSWORD);
        Shell shell = new Shell(driver);
        shell.navigate("nav-bindings");
        String shownX = new LiveBindings(driver).firstLiveX("AXB");
        String x = shownX.replace(" ", "");
        assertThat(x).hasSize(15).startsWith("700");
        shell.signOut();
        assertThat(route(x, STRANGER)).contains("\"action\":\"REJECT\"", "\"reason\":\"NO_BINDING\"");

        // 1. a citizen, not signed in, checks the number and files a complaint about it
        CheckPage check = CheckPage.open(driver, app).check(x);
        assertThat(check.allocated()).isTrue();
        assertThat(check.verdict()).contains("本平台的 700 号码保护服务号码");
        assertThat(check.enterprise()).isEqualTo("快达物流有限公司");
        assertThat(MOBILE.matcher(check.text()).find()).as("a real number shown on the check page").isFalse();
        assertThat(DEMO_PARTY.matcher(driver.getPageSource()).find()).as("a binding party in the page's source").isFalse();
        String description = "收到该号码的营销短信和推销电话 " + System.nanoTime();
        String reference = check.fileComplaint(x, "MARKETING", description);
        assertThat(reference).startsWith("TS-");
        // two more citizens complain: three complaints in 30 days trip the complaints rule
        assertThat(check.fileComplaint(x, "HARASSMENT", "反复来电骚扰 " + System.nanoTime())).startsWith("TS-");
        assertThat(check.fileComplaint(x, "MARKETING", "推销电话 " + System.nanoTime())).startsWith("TS-");

        // 2. the operator finds it in the queue by the number
        LoginPage.open(driver, app).signIn("operator", PASSWORD);
        shell = new Shell(driver);
        shell.navigate("nav-complaints");
        ComplaintQueuePage queue = new ComplaintQueuePage(driver).filterByNumber(x);
        assertThat(queue.rowText(reference)).contains(shownX, "快达物流有限公司", description);

        // 3. the complaints raised a risk alert about the number; the operator suspends the number from it
        shell.navigate("nav-risk-alerts");
        RiskAlertsPage alert = new RiskAlertsPage(driver).open("投诉过多", x);
        assertThat(alert.evidence()).contains("投诉数\n3");
        assertThat(alert.suspendNumber("三起投诉，核查期间暂停该号码")).isNotBlank();
        OperatorBlockPage block = OperatorBlockPage.open(driver, app, x.substring(0, 11)).search(x);
        assertThat(block.numberRowText(shownX)).contains("已暂停");

        // 4. the carrier's routing request for that X is now rejected because the number is suspended
        assertThat(route(x, STRANGER)).contains("\"action\":\"REJECT\"", "\"reason\":\"NUMBER_SUSPENDED\"");
    }

    private String route(String x, String caller) throws IOException, InterruptedException {
        String json = "{\"callId\":\"it-1\",\"caller\":\"" + caller + "\",\"x\":\"" + x + "\",\"type\":\"VOICE\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/api/carrier/v1/route")))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + CARRIER_CREDENTIAL)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
