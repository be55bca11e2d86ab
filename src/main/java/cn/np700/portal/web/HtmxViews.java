package cn.np700.portal.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;

/** One URL serves the whole page, and only its named fragment when htmx asks (design.md). */
public final class HtmxViews {

    private HtmxViews() {
    }

    public static String pageOrFragment(HtmxRequest htmx, String view, String fragment) {
        return htmx.isHtmxRequest() && !htmx.isBoosted() ? view + " :: " + fragment : view;
    }
}
