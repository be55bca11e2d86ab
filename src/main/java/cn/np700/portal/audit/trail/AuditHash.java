package cn.np700.portal.audit.trail;

import cn.np700.portal.audit.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/** SHA-256 over an entry's content and its predecessor's hash: changing any stored field breaks the chain there. */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    static String of(AuditEntry e, String prevHash) {
        String content = String.join("\u001f",
                Long.toString(e.seq()),
                stored(e.occurredAt()).toString(),
                e.actor(),
                String.valueOf(e.actorUserId()),
                String.valueOf(e.actorTenantId()),
                String.valueOf(e.tenantId()),
                e.action(),
                e.targetType(),
                String.valueOf(e.targetId()),
                String.valueOf(e.clientIp()),
                e.details(),
                prevHash);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }

    /** The precision the database keeps (DATETIME(6)), so a hash computed before the insert matches one computed after. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
