package cn.np700.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SQL a Java source holds (the text of its string literals and text blocks), and the tables it writes or reads. */
public final class SqlInSource {

    private static final Pattern LITERAL = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);

    private SqlInSource() {
    }

    /** Every literal of the source, joined by spaces. */
    public static String of(String javaSource) {
        List<String> sql = new ArrayList<>();
        Matcher literal = LITERAL.matcher(javaSource);
        while (literal.find()) {
            sql.add(literal.group(1) != null ? literal.group(1) : literal.group(2));
        }
        return String.join(" ", sql);
    }

    public static boolean writes(String sql, String table) {
        return Pattern.compile("(?i)(INSERT(\\s+IGNORE)?\\s+INTO|UPDATE|DELETE\\s+FROM|REPLACE\\s+INTO)\\s+`?"
                + Pattern.quote(table) + "\\b").matcher(sql).find();
    }

    public static boolean reads(String sql, String table) {
        return Pattern.compile("(?i)\\b(FROM|JOIN)\\s+`?" + Pattern.quote(table) + "\\b").matcher(sql).find();
    }
}
