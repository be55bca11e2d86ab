package cn.np700.portal.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** A message with arguments in the current user's language, for refusals that carry figures. */
@Component
public class UserMessages {

    private final MessageSource messages;

    UserMessages(MessageSource messages) {
        this.messages = messages;
    }

    public String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
