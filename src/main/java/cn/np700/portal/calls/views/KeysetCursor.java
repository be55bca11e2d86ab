package cn.np700.portal.calls.views;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of call records ends: the (start time, id) of its last row. The next page starts strictly after it in
 * the list's order, so rows with equal start times are neither skipped nor repeated, and the database seeks straight
 * to it through an index whatever the page number (OFFSET would read and throw away every earlier row).
 * Opaque to clients: base64url of {@code millis.id}.
 */
public record KeysetCursor(Instant start, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((start.toEpochMilli() + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    public static Optional<KeysetCursor> parse(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.US_ASCII);
            if (!plain.matches("-?\\d{1,15}\\.\\d{1,18}")) {
                return Optional.empty();
            }
            int dot = plain.indexOf('.');
            return Optional.of(new KeysetCursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, dot))),
                    Long.parseLong(plain.substring(dot + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
