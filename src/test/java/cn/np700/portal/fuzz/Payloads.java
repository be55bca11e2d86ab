package cn.np700.portal.fuzz;

import java.util.List;

/** Malformed values a client can send in any field: wrong types, out-of-range figures, huge, empty, template syntax. */
final class Payloads {

    /** 100,000 characters and more: above every field's limit and every sane request parameter. */
    static final String HUGE = "A".repeat(100_001);
    static final String HUGE_CHINESE = "投诉".repeat(50_001);

    static final List<String> VALUES = List.of(
            "abc", "", " ", "-1", "2147483648", "9223372036854775808", "-99999999999999999999999999", "1e309",
            "NaN", "1.5", "${7*7}", "{x}", "{0}", "*{7*7}", "__${7*7}__::.x", "#{7*7}", "[[${7*7}]]",
            "${T(java.lang.Runtime).getRuntime()}", "%", "%00", "\u0000", "a\u0000b", "\u0001\u001b[31m\u007f",
            "line\r\nSet-Cookie: x=1", "\uFFFE\uFFFF", "\uD800", "2026-13-45", "../../etc/passwd",
            "=HYPERLINK(\"http://evil.example\")", "700" + "9".repeat(40), "\u202Eevil", HUGE, HUGE_CHINESE);

    /** Values a path variable is given (they must still match its pattern to reach the handler). */
    static final List<String> PATH_VALUES = List.of(
            "999999999", "0", "-1", "abc", "99999999999999999999", "9223372036854775808", "${7*7}", "{x}", "%00",
            "%C3%28", "%FF%FE", "A".repeat(5_000));

    /** Bytes that are not UTF-8 (a lone continuation byte, a truncated sequence, an overlong encoding). */
    static final byte[][] INVALID_UTF8 = {
            {(byte) 0x80}, {(byte) 0xC3, (byte) 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF, (byte) 0xFE}};

    /** Content types a JSON endpoint must refuse with 415 (the API promises JSON only). */
    static final List<String> WRONG_MEDIA_TYPES = List.of(
            "*/*", "application/*", "text/plain", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "text/html", "application/json-patch+json", "image/png",
            "application/json;charset=UTF-16", "nonsense", "application/", "");

    /** JSON values of the wrong shape for any field. */
    static final List<String> JSON_VALUES = List.of(
            "\"abc\"", "\"\"", "-1", "1e309", "99999999999999999999999999", "-9223372036854775809", "true", "null",
            "{}", "[]", "[1,2]", "{\"x\":{\"y\":1}}", "\"${7*7}\"", "\"{x}\"", "\"__${7*7}__\"", "\"\\u0000\"",
            "\"\\ud800\"", "\"" + HUGE + "\"", "1.5", "\"2026-13-45T99:99:99Z\"");

    /** Whole bodies that are not the JSON object an endpoint takes. */
    static final List<String> JSON_BODIES = List.of(
            "", "{", "}", "[]", "null", "\"text\"", "42", "{\"a\":", "{\"a\":1,}", "{'a':1}", "[" .repeat(5_000),
            "{\"x\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}", "{\"unknownField\":1}",
            "{\"records\":" + "[{}]".replace("{}", "{}".repeat(1)) + "}", "{\"a\":\"" + HUGE + "\"}");

    private Payloads() {
    }
}
