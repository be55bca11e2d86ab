package cn.np700.portal.audit.trail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.PortalNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Three portal nodes on one database (this test's and two more) write audit entries at once: one node's chainer links
 * them all, the others none, and no entry is lost or linked twice. Without the lease each node's chainer links what its
 * own wake-ups find, and on a Galera cluster they fight over the chain head.
 */
@PortalIntegrationTest
class ChainerOnOneNodeTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    JdbcClient jdbc;

    private final List<PortalNode> others = new ArrayList<>();

    @BeforeEach
    void twoMoreNodes() {
        others.add(PortalNode.startBeside(context, "chainer-a"));
        others.add(PortalNode.startBeside(context, "chainer-b"));
    }

    @AfterEach
    void stopThem() {
        others.forEach(PortalNode::close);
    }

    @Test
    void oneNodeLinksWhatEveryNodeWritesAndNothingIsLost() throws Exception {
        List<Node> nodes = List.of(new Node(context.getBean(TransactionTemplate.class), context::publishEvent,
                context.getBean(MeterRegistry.class)), Node.of(others.get(0)), Node.of(others.get(1)));
        List<Double> before = nodes.stream().map(Node::linked).toList();
        String run = UUID.randomUUID().toString().substring(0, 8);

        ExecutorService writers = Executors.newFixedThreadPool(6);
        List<Callable<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            Node node = nodes.get(i % nodes.size());
            String id = run + "-" + i;
            writes.add(() -> {
                node.tx().executeWithoutResult(s -> node.events().accept(new AuditChainTests.TestEvent(id)));
                return null;
            });
        }
        for (Future<Void> write : writers.invokeAll(writes)) {
            write.get();
        }
        writers.shutdown();

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM audit_entry WHERE target_id LIKE ? AND seq IS NOT NULL").param(run + "-%")
                .query(Long.class).single() == 90);
        List<Double> linkedDuring = new ArrayList<>();
        for (int n = 0; n < nodes.size(); n++) {
            linkedDuring.add(nodes.get(n).linked() - before.get(n));
        }
        assertThat(linkedDuring.stream().filter(count -> count > 0).count())
                .as("nodes whose chainer linked entries: %s", linkedDuring).isLessThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT seq) FROM audit_entry WHERE target_id LIKE ?").param(run + "-%")
                .query(Long.class).single()).isEqualTo(90);
        assertThat(verifier.verify().intact()).isTrue();
    }

    /** A portal node as this test uses it: its transactions, its events and what its chainer counted. */
    private record Node(TransactionTemplate tx, Consumer<Object> events, MeterRegistry meters) {

        static Node of(PortalNode node) {
            return new Node(node.bean(TransactionTemplate.class), node::publish, node.bean(MeterRegistry.class));
        }

        double linked() {
            return meters.get("portal.audit.linked").counter().count();
        }
    }
}
