package cn.np700.portal.calls.views;

import java.util.List;

/**
 * One keyset page of call records with the links that move from it, each keeping the filters: to newer records, to
 * older ones, and back to the newest. A link is null when there is nowhere to go.
 */
public record CallPage(List<CallRow> items, String newerUrl, String olderUrl, String newestUrl) {
}
