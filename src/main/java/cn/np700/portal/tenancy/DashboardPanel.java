package cn.np700.portal.tenancy;

import java.util.Map;
import java.util.Optional;

/** A module's panel on the landing page, so the dashboard shows each module's news without depending on it. */
public interface DashboardPanel {

    Optional<Panel> panelFor(CurrentUser user);

    /** A Thymeleaf fragment ({@code template :: fragment}) and the data it reads as {@code data}. */
    record Panel(String template, String fragment, Map<String, Object> data) {
    }
}
