package cn.np700.portal.database;

import java.nio.file.Path;

/**
 * Present as a bean when the portal runs on its own embedded database (demo data then loads by default); it names
 * the directory that database keeps its data in, where other local secrets may live beside it.
 */
public final class EmbeddedDatabaseMarker {

    private final Path dataDir;

    EmbeddedDatabaseMarker(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }
}
