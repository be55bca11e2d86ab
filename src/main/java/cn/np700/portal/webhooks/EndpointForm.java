package cn.np700.portal.webhooks;

import java.util.List;

/** The console's endpoint form: what the admin typed, kept as typed when it is refused. */
public record EndpointForm(String url, String description, List<String> events, Boolean enabled) {

    static EndpointForm empty() {
        return new EndpointForm(null, null, List.of(), true);
    }

    static EndpointForm of(WebhookEndpoint e) {
        return new EndpointForm(e.url(), e.description(), e.events().stream().map(WebhookEventType::wire).toList(), e.enabled());
    }

    EndpointInput input() {
        return new EndpointInput(url == null ? "" : url, description == null ? "" : description,
                events == null ? List.of() : events, enabled != null && enabled);
    }
}
