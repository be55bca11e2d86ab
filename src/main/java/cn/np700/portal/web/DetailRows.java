package cn.np700.portal.web;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the JSON details of an audit entry, a binding's or number's history and an alert's evidence into rows a person
 * reads: each key a label in the user's language ({@code detail.key.*}), codes translated ({@code detail.value.*}),
 * instants in the platform's zone, counts with separators, 700 numbers grouped. A label or code with no translation is
 * shown as it is and marked, so a test finds it. Templates call it as {@code ${@detailRows.of(json)}}.
 */
@Component("detailRows")
public class DetailRows {

    /** An enum-like code: capitals, words joined by underscores (an order reference such as KD2026… is not one). */
    private static final Pattern CODE = Pattern.compile("[A-Z]+(?:_[A-Z0-9]+)*");
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*Z");
    private static final Pattern USAGE_NUMBER = Pattern.compile("700\\d{12}");
    /** Keys whose numbers are names (ids, numbers, block codes): shown without thousands separators. */
    private static final Pattern NAME_KEY = Pattern.compile("(?i).*(id|ids|x|number|first|last|block|code|ref|q)$");

    /** Where a code's label is looked for, in order: the details' own, then the enums' labels the pages already use. */
    private static final List<String> CODE_PREFIXES = List.of("detail.value.", "audit.action.", "audit.target.",
            "binding.direction.", "binding.mode.", "binding.status.", "call.result.", "call.type.", "call.direction.",
            "call.match.", "call.reject.", "category.", "role.", "block.status.", "number.state.", "verify.outcome.",
            "verify.source.", "risk.rule.", "risk.action.", "risk.alert.status.", "tenant.status.", "complaint.category.",
            "complaints.status.", "request.step.", "run.status.", "callUpload.outcome.", "suspension.source.", "consent.channel.", "consent.source.");

    private final MessageSource messages;
    private final DisplayTimes times;
    private final StoredText storedText;
    private final JsonMapper json = JsonMapper.builder().build();

    DetailRows(MessageSource messages, DisplayTimes times, StoredText storedText) {
        this.messages = messages;
        this.times = times;
        this.storedText = storedText;
    }

    /** One row: a label and its value as text, or a table of records (a list of objects) in {@code records}. */
    public record Row(String label, boolean labelUntranslated, String value, boolean valueUntranslated,
            List<List<Row>> records) {

        public boolean table() {
            return records != null;
        }
    }

    public List<Row> of(String details) {
        if (details == null || details.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = json.readTree(details);
        } catch (JacksonException e) {
            return List.of(new Row(label("details").text(), false, details, false, null));
        }
        return root.isObject() ? rows(root) : List.of(new Row(label("details").text(), false, value("", root).text(),
                false, null));
    }

    private List<Row> rows(JsonNode object) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            Text label = label(field.getKey());
            JsonNode node = field.getValue();
            if (node.isArray() && !node.isEmpty() && node.get(0).isObject()) {
                List<List<Row>> records = new ArrayList<>();
                node.forEach(element -> records.add(rows(element)));
                rows.add(new Row(label.text(), label.untranslated(), null, false, records));
            } else {
                Text value = value(field.getKey(), node);
                rows.add(new Row(label.text(), label.untranslated(), value.text(), value.untranslated(), null));
            }
        }
        return rows;
    }

    private record Text(String text, boolean untranslated) {
    }

    private Text label(String key) {
        String text = messages.getMessage("detail.key." + key, null, null, locale());
        return text == null ? new Text(key, true) : new Text(text, false);
    }

    private Text value(String key, JsonNode node) {
        if (node == null || node.isNull()) {
            return new Text("—", false);
        }
        if (node.isBoolean()) {
            return new Text(messages.getMessage(node.booleanValue() ? "detail.yes" : "detail.no", null, locale()), false);
        }
        if (node.isIntegralNumber()) {
            return new Text(NAME_KEY.matcher(key).matches() ? node.asString()
                    : NumberFormat.getIntegerInstance(locale()).format(node.longValue()), false);
        }
        if (node.isNumber()) {
            return new Text(NumberFormat.getNumberInstance(locale()).format(node.doubleValue()), false);
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            boolean untranslated = false;
            for (JsonNode element : node) {
                Text part = value(key, element);
                parts.add(part.text());
                untranslated |= part.untranslated();
            }
            return new Text(parts.isEmpty() ? "—" : String.join(", ", parts), untranslated);
        }
        if (node.isObject()) {
            List<String> parts = new ArrayList<>();
            boolean untranslated = false;
            for (Row row : rows(node)) {
                parts.add(row.label() + ": " + row.value());
                untranslated |= row.labelUntranslated() || row.valueUntranslated();
            }
            return new Text(String.join("; ", parts), untranslated);
        }
        return text(node.asString());
    }

    private Text text(String value) {
        String stored = storedText.show(value, locale());
        if (!stored.equals(value)) {
            return new Text(stored, false);
        }
        if (ISO_INSTANT.matcher(value).matches()) {
            try {
                return new Text(times.seconds(Instant.parse(value)), false);
            } catch (DateTimeParseException e) {
                return new Text(value, false);
            }
        }
        if (USAGE_NUMBER.matcher(value).matches()) {
            return new Text(value.replaceAll("(\\d{3})(\\d{4})(\\d{4})(\\d{4})", "$1 $2 $3 $4"), false);
        }
        if (CODE.matcher(value).matches() && value.length() > 1) {
            for (String prefix : CODE_PREFIXES) {
                String text = messages.getMessage(prefix + value, null, null, locale());
                if (text != null) {
                    return new Text(text, false);
                }
            }
            return new Text(value, true);
        }
        String word = messages.getMessage("detail.value." + value, null, null, locale());
        return new Text(word == null ? value : word, false);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
