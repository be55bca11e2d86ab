package cn.np700.portal.webhooks;

import java.util.List;

/** What an admin sends to create or change an endpoint; on a change, a null field stays as it is. */
record EndpointInput(String url, String description, List<String> events, Boolean enabled) {
}
