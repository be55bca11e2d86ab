package cn.np700.portal.notifications.centre;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders a stored notification in the reader's language. An argument stored as {@code msg:<key>} is itself a
 * message (a quota's name), so it is translated too; every other argument is shown as stored.
 */
@Component
public class NotificationText {

    public static final String MESSAGE = "msg:";

    private final MessageSource messages;

    NotificationText(MessageSource messages) {
        this.messages = messages;
    }

    String render(String key, List<String> args, Locale locale) {
        Object[] shown = args.stream().map(a -> {
            if (!a.startsWith(MESSAGE)) {
                return a;
            }
            String nested = a.substring(MESSAGE.length());
            return messages.getMessage(nested, null, nested, locale);
        }).toArray();
        return messages.getMessage(key, shown, key, locale);
    }
}
