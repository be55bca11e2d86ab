package cn.np700.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** One shared Jackson mapper, and reading a problem response's code. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            return MAPPER.missingNode();
        }
    }

    /** "HTTP 409 PARTY_ALREADY_ON_X": a failed response by status and the problem's code when it has one. */
    public static String failure(int status, String body) {
        String code = read(body == null ? "" : body).path("code").asText("");
        return "HTTP " + status + (code.isEmpty() ? "" : " " + code);
    }

    /** A JSON string literal for plain values (the generator's own numbers and ids). */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
