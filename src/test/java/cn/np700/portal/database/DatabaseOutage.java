package cn.np700.portal.database;

import ch.vorburger.exec.ManagedProcessException;

/** Stops and starts the fault tests' embedded MariaDB server; its data stays. */
final class DatabaseOutage {

    private final EmbeddedMariaDb db;

    DatabaseOutage(EmbeddedMariaDb db) {
        this.db = db;
    }

    void begin() {
        try {
            db.stopServer();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        }
    }

    void end() {
        try {
            db.startServer();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        }
    }
}
