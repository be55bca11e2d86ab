package cn.np700.portal.runs.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This node's name in the runs it holds: unique per process, readable in the table. */
@Component
class RunNode {

    private final String name;

    RunNode(RunSettings settings) {
        this.name = settings.node().isBlank() ? generated() : settings.node();
    }

    String name() {
        return name;
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        String name = host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
        return name.length() <= 80 ? name : name.substring(name.length() - 80);
    }
}
