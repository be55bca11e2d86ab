package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.support.PortalIntegrationTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded database is no Galera node: no warning (GaleraSettingWarningTests shows one on a real cluster). */
@PortalIntegrationTest
class GaleraSettingCheckTests {

    @Autowired
    DataSource database;

    @Test
    void aDatabaseWithoutWsrepIsNotWarnedAbout() {
        assertThat(GaleraSettingCheck.warnIfUnset(database, false)).isFalse();
    }
}
