package cn.np700.portal.database;

import java.util.List;
import java.util.Map;

/**
 * Connector/J settings under which a transaction on a MariaDB Galera cluster commits whole or not at all
 * ({@code PORTAL_DB_GALERA=true}; they outrank whatever the URL says).
 * <p>
 * Galera aborts a local transaction that conflicts with a write another node committed ("brute force" abort), also
 * while the transaction sits idle between two statements, and the connection learns of it at its next command. With
 * server-side prepared statements that command can be a {@code COM_STMT_PREPARE}, and Connector/J answers any error
 * of a prepare by preparing the statement on the client instead ({@code emulateUnsupportedPstmts}): the abort is
 * swallowed, the statement runs in a new transaction the server opens for it, and {@code commit()} succeeds with the
 * second half of the work only. Without server-side statements ({@code useServerPrepStmts=false}) nothing is
 * prepared on the server, so the abort reaches the application as error 1213 at the next statement or at commit.
 * ({@code emulateUnsupportedPstmts=false} alone would surface it too, but then every batch the driver sends as
 * several statements (a batched UPDATE of more than a few rows) fails to prepare.) A connection is never silently
 * reopened mid-transaction either ({@code autoReconnect=false}, the default, held here against a URL that says
 * otherwise). GaleraAbortTests shows the first on a real cluster.
 */
public final class GaleraDriverSettings {

    public static final Map<String, String> SETTINGS = Map.of(
            "useServerPrepStmts", "false",
            "autoReconnect", "false");

    /**
     * Read-your-writes on both pools: a read waits until its node has applied everything the cluster committed before
     * it ({@code wsrep_sync_wait = 1}: SELECT, SHOW and BEGIN), so a route right after a binding is created through
     * another node, and a page after a form posted to another node, see that write. Both pools, because portal nodes
     * are stateless and a load balancer need not keep a person, or an API client, on one node.
     */
    public static final List<String> SESSION = List.of("wsrep_sync_wait = 1");

    private GaleraDriverSettings() {
    }
}
