package cn.np700.portal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.database.GaleraSettingCheck;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A portal started on a Galera node without PORTAL_DB_GALERA says so in its log, once, as a warning. */
@Execution(ExecutionMode.SAME_THREAD)
@ExtendWith(OutputCaptureExtension.class)
class GaleraSettingWarningTests {

    @Test
    void aGaleraNodeWithoutTheSettingIsWarnedAbout(CapturedOutput output) {
        GaleraCluster cluster = GaleraCluster.shared();
        DataSource node = new DriverManagerDataSource(cluster.node(3).jdbcUrl(GaleraCluster.DATABASE, ""),
                GaleraCluster.USER, cluster.password());

        assertThat(GaleraSettingCheck.warnIfUnset(node, true)).as("with PORTAL_DB_GALERA=true").isFalse();
        assertThat(output.getOut()).doesNotContain("PORTAL_DB_GALERA is not set");

        assertThat(GaleraSettingCheck.warnIfUnset(node, false)).as("without it").isTrue();
        assertThat(output.getOut()).containsOnlyOnce("PORTAL_DB_GALERA is not set")
                .containsPattern("WARN.*wsrep_on=ON");
    }
}
