package cn.np700.portal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/** A database that takes the connection and then says nothing (a hung server) is DOWN, not a probe that hangs. */
class DatabaseProbeTests {

    @Test
    void aServerThatNeverAnswersIsUnreachable() throws Exception {
        // the kernel accepts the TCP connection into the backlog; nothing ever reads or writes on it
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            DatabaseProbe probe = new DatabaseProbe(new DatabaseEndpoint(
                    "jdbc:mysql://127.0.0.1:" + silent.getLocalPort() + "/portal?socketTimeout=0&connectTimeout=0", "portal", "x"),
                    new SimpleAsyncTaskExecutor());
            // far beyond the probe's own 1 s limits: only there so that a regression fails instead of hanging the build
            DatabaseProbe.Reachability outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), probe::probe);
            assertThat(outcome.reachable()).isFalse();
            assertThat(outcome.failure()).contains("Communications link failure");
        }
    }
}
