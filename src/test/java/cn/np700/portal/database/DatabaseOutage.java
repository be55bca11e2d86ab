package cn.np700.portal.database;

import ch.vorburger.exec.ManagedProcessException;
import java.io.IOException;
import java.util.List;

/**
 * Faults of the fault tests' embedded MariaDB server: stopped (a crash: connections refused) or frozen (SIGSTOP: it
 * accepts connections and never answers, like a hung server or a lost network). Its data stays.
 */
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

    void freeze() {
        signal("STOP");
    }

    void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        String port = "--port=" + db.port();
        ProcessHandle server = ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(port))
                .findFirst().orElseThrow(() -> new IllegalStateException("No MariaDB server with " + port));
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(server.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " exited " + exit);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
