package cn.np700.portal.seed.demo;

import cn.np700.portal.database.EmbeddedDatabaseMarker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** portal.demo-data: "auto" loads demo data on the embedded database only; "true" or "false" decide outright. */
@Component
public class DemoDataSetting {

    private final boolean enabled;

    DemoDataSetting(@Value("${portal.demo-data:auto}") String setting, ObjectProvider<EmbeddedDatabaseMarker> embedded) {
        this.enabled = switch (setting.trim().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> embedded.getIfAvailable() != null;
        };
    }

    public boolean enabled() {
        return enabled;
    }
}
