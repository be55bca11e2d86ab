package cn.np700.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * A hot endpoint's JSON body read, and its answer written, with readers and writers made once from the application's
 * {@code JsonMapper} (the settings {@code @RequestBody} and {@code @ResponseBody} use: unknown fields refused): the
 * message converters' negotiation, data binder and advice cost such an endpoint more than its JSON does. A body that
 * is not such JSON is refused as {@code @RequestBody} refuses it ({@link ApiErrors}: MALFORMED_JSON, UNKNOWN_FIELD).
 */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static <T> T read(ObjectReader reader, HttpServletRequest http) throws IOException {
        T body;
        try {
            body = reader.readValue(http.getInputStream());
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("Unreadable request body: " + e.getOriginalMessage(), e,
                    new ServletServerHttpRequest(http));
        }
        if (body == null) {
            throw new HttpMessageNotReadableException("Required request body is missing", new ServletServerHttpRequest(http));
        }
        return body;
    }

    /** Writes the answer with the status (and any headers) already set on {@code answer}. */
    public static void write(ObjectWriter writer, Object value, HttpServletResponse answer) throws IOException {
        byte[] json = writer.writeValueAsBytes(value);
        answer.setContentType(MediaType.APPLICATION_JSON_VALUE);
        answer.setContentLength(json.length);
        answer.getOutputStream().write(json);
    }
}
