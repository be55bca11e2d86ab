package flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pages.LoginPage;
import pages.Shell;
import pages.WebhooksPage;
import support.E2eTest;

/**
 * An enterprise admin adds a webhook endpoint pointing at a receiver this test runs on loopback (the packaged app is
 * started with loopback allowed), sends a test event and sees it delivered in the endpoint's log.
 */
class WebhookIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("webhook-id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void anAdminAddsAnEndpointSendsATestEventAndSeesItDelivered() {
        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);
        new Shell(driver).navigate("nav-webhooks");
        WebhooksPage list = new WebhooksPage(driver);

        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/np700";
        String secret = list.add(url, "CRM", "binding.created", "call.status");
        assertThat(secret).startsWith("whsec_");

        WebhooksPage.Endpoint endpoint = list.toEndpoint().sendTest();
        String msgId = endpoint.awaitDelivery("webhook.test", "DELIVERED");

        assertThat(msgId).startsWith("msg_");
        assertThat(received).anySatisfy(r -> assertThat(r).startsWith(msgId + " ").contains("\"type\":\"webhook.test\""));
        assertThat(endpoint.body(msgId)).contains("webhook.test");
    }
}
