package cn.np700.portal.scope;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.SqlTypeValue;

/**
 * A tenant's id. It binds itself as a BIGINT (so a statement takes it as a parameter as it is) and prints as its
 * digits (so a template or a URL shows it as before).
 */
public record TenantId(long value) implements SqlTypeValue, Serializable {

    public TenantId {
        if (value <= 0) {
            throw new IllegalArgumentException("a tenant id is positive: " + value);
        }
    }

    @JsonCreator
    public static TenantId of(long value) {
        return new TenantId(value);
    }

    /** A tenant column read from a row where it may be empty (a platform-wide entry, an unmatched call). */
    public static Optional<TenantId> ofNullable(Long value) {
        return value == null ? Optional.empty() : Optional.of(new TenantId(value));
    }

    /** The tenant of an audit entry or an event, absent (null) when the change is platform-wide. */
    public static TenantId orNull(Long value) {
        return value == null ? null : new TenantId(value);
    }

    /** For Spring's conversion of a request parameter; a value that is not a positive number is refused. */
    public static TenantId valueOf(String text) {
        return new TenantId(Long.parseLong(text.trim()));
    }

    @JsonValue
    @Override
    public long value() {
        return value;
    }

    @Override
    public void setTypeValue(PreparedStatement ps, int index, int sqlType, String typeName) throws SQLException {
        ps.setLong(index, value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
