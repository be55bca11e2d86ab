package cn.np700.portal.notifications.centre;

import cn.np700.portal.web.StoredText;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Renders a stored notification in the reader's language; an argument the system wrote as a message (a quota's name,
 * a risk rule) is translated too ({@link StoredText}), every other argument is shown as stored.
 */
@Component
public class NotificationText {

    private final MessageSource messages;
    private final StoredText stored;

    NotificationText(MessageSource messages, StoredText stored) {
        this.messages = messages;
        this.stored = stored;
    }

    String render(String key, List<String> args, Locale locale) {
        Object[] shown = args.stream().map(a -> stored.show(a, locale)).toArray();
        return messages.getMessage(key, shown, key, locale);
    }
}
