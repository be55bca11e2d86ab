package cn.np700.portal.database;

/** Present as a bean when the portal runs on its own embedded database (demo data then loads by default). */
public final class EmbeddedDatabaseMarker {
}
