package cn.np700.portal.database;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns once at start-up when the database is a node of a Galera cluster ({@code wsrep_on=ON}) but
 * {@code PORTAL_DB_GALERA} is not set: without {@link GaleraDriverSettings} a transaction aborted by another node can
 * commit its second half alone, and reads may miss writes made through other nodes. A warning, not a refusal: one
 * Galera node alone (or a cluster in maintenance) runs the portal correctly.
 */
@Component
public class GaleraSettingCheck {

    static final String WARNING = "The database is a Galera cluster node (wsrep_on=ON) but PORTAL_DB_GALERA is not set: "
            + "set PORTAL_DB_GALERA=true (portal.db.galera) so that no transaction can commit half of its work and reads "
            + "see writes made through other nodes (docs/deployment.md, Running on a MariaDB Galera cluster)";

    private static final Logger log = LoggerFactory.getLogger(GaleraSettingCheck.class);

    private final DataSource database;
    private final boolean galera;

    GaleraSettingCheck(DataSource database, @Value("${portal.db.galera:false}") boolean galera) {
        this.database = database;
        this.galera = galera;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        warnIfUnset(database, galera);
    }

    /** Whether it warned: the database reports wsrep_on=ON and {@code galera} is false. */
    public static boolean warnIfUnset(DataSource database, boolean galera) {
        if (galera) {
            return false;
        }
        try {
            // MySQL has no such variable, MariaDB without a Galera provider says OFF
            boolean on = JdbcClient.create(database).sql("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'")
                    .query((rs, n) -> "ON".equalsIgnoreCase(rs.getString(2))).optional().orElse(false);
            if (on) {
                log.warn(WARNING);
            }
            return on;
        } catch (DataAccessException e) {
            log.debug("could not read wsrep_on", e);
            return false;
        }
    }
}
