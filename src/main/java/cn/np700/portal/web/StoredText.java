package cn.np700.portal.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Text the system stores for people to read later (a suspension's why, a notification's argument). What the system
 * itself writes is stored as {@code msg:<key>} and shown in the reader's language; what a person typed is shown as typed.
 */
@Component("storedText")
public class StoredText {

    private static final String MESSAGE = "msg:";

    private final MessageSource messages;

    StoredText(MessageSource messages) {
        this.messages = messages;
    }

    /** The stored form of a message the system writes. */
    public static String message(String key) {
        return MESSAGE + key;
    }

    /** For templates: in the current request's language. */
    public String show(String stored) {
        return show(stored, LocaleContextHolder.getLocale());
    }

    public String show(String stored, Locale locale) {
        if (stored == null || !stored.startsWith(MESSAGE)) {
            return stored;
        }
        String key = stored.substring(MESSAGE.length());
        return messages.getMessage(key, null, key, locale);
    }
}
