package cn.np700.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Connections to the portal's embedded MariaDB, as the portal's own user (password in the data directory). */
public final class Database implements AutoCloseable {

    static final String URL = "jdbc:mysql://127.0.0.1:" + PortalProcess.DB_PORT + "/portal?useSSL=false"
            + "&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true&cachePrepStmts=true&useServerPrepStmts=true"
            + "&connectTimeout=10000&socketTimeout=120000";
    static final String USER = "portal";

    private final String password;
    private final List<Connection> opened = new CopyOnWriteArrayList<>();

    private Database(String password) {
        this.password = password;
    }

    public static Database of(Path dataDir) throws IOException {
        Path file = dataDir.resolve("db-password");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no database password at " + file);
        }
        return new Database(Files.readString(file).trim());
    }

    /** A new connection, closed with this object. */
    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(URL, USER, password);
        opened.add(connection);
        return connection;
    }

    /** Runs statements on a connection of its own. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, password); var s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** Closes the connections handed out so far. */
    public void closeConnections() {
        for (Connection c : opened) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        opened.clear();
    }

    @Override
    public void close() {
        closeConnections();
    }
}
