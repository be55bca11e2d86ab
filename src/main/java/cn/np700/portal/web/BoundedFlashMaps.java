package cn.np700.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * Flash attributes (the notice or refusal shown after a redirect, with what was typed) live in the session, which
 * Spring Session keeps in one database column of 64 KB per attribute. Refused forms that were never followed piled
 * up there until the session could no longer be saved and every request of it failed. This keeps at most
 * {@value #MAX_MAPS} pending flash maps per session, and leaves out of each any attribute above {@value
 * #MAX_ATTRIBUTE_BYTES} bytes serialised (a long typed text is then not echoed; the message still is), so the flash
 * store stays under {@value #MAX_MAPS} x {@value #MAX_MAP_BYTES} bytes whatever a client sends.
 */
@Component("flashMapManager")
class BoundedFlashMaps extends SessionFlashMapManager {

    static final int MAX_MAPS = 5;
    static final int MAX_ATTRIBUTE_BYTES = 4_096;
    static final int MAX_MAP_BYTES = 8_192;

    @Override
    protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
        List<FlashMap> kept = new ArrayList<>(flashMaps.subList(Math.max(0, flashMaps.size() - MAX_MAPS), flashMaps.size()));
        kept.forEach(BoundedFlashMaps::bound);
        super.updateFlashMaps(kept, request, response);
    }

    private static void bound(FlashMap map) {
        map.entrySet().removeIf(entry -> size(entry.getValue()) > MAX_ATTRIBUTE_BYTES);
        int total = 0;
        for (var it = map.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> entry = it.next();
            total += size(entry.getValue());
            if (total > MAX_MAP_BYTES) {
                it.remove();
            }
        }
    }

    /** Serialised size as the session store will write it; what cannot be serialised could not be stored either. */
    private static int size(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String text && text.length() * 3 < MAX_ATTRIBUTE_BYTES) {
            return text.length() * 3;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            return Integer.MAX_VALUE;
        }
        return bytes.size();
    }
}
