package cn.np700.portal.notifications.centre;

import cn.np700.portal.notifications.delivery.NotificationKind;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.PageQuery;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The notification centre of the signed-in user, and the unread count the top bar refreshes (at most once a minute).
 * Marking read is the user's own view state, not a change to the platform, so it is not audited.
 */
@Controller
@RequestMapping("/notifications")
class NotificationController {

    private final Inbox inbox;
    private final NotificationText text;

    NotificationController(Inbox inbox, NotificationText text) {
        this.inbox = inbox;
        this.text = text;
    }

    /** A notification as the centre lists it, its text already in the reader's language. */
    record Shown(long id, NotificationKind kind, String text, String link, Instant createdAt, boolean unread) {
    }

    @GetMapping
    String centre(@RequestParam(required = false) Boolean unread, @RequestParam(required = false) Integer page,
            CurrentUser user, HtmxRequest htmx, Locale locale, Model model) {
        boolean unreadOnly = Boolean.TRUE.equals(unread);
        model.addAttribute("unreadOnly", unreadOnly);
        model.addAttribute("unreadCount", inbox.unread(user));
        model.addAttribute("page", inbox.page(user, unreadOnly, PageQuery.of(page, null)).map(item -> new Shown(item.id(),
                item.kind(), text.render(item.messageKey(), item.args(), locale), item.link(), item.createdAt(),
                item.unread())));
        model.addAttribute("links", new ListLinks("/notifications", Map.of("unread", unreadOnly ? "true" : ""), null));
        return htmx.isHtmxRequest() && !htmx.isBoosted() ? "notifications/centre :: list" : "notifications/centre";
    }

    @GetMapping("/unread-count")
    String unreadCount(CurrentUser user, Model model) {
        model.addAttribute("unreadCount", inbox.unread(user));
        return "notifications/centre :: count";
    }

    @PostMapping("/{id}/read")
    String markRead(@PathVariable long id, @RequestParam(required = false) Boolean unread, CurrentUser user) {
        if (!inbox.markRead(user, id)) {
            throw new NotFoundException("notification " + id);
        }
        return back(unread);
    }

    @PostMapping("/read-all")
    String markAllRead(@RequestParam(required = false) Boolean unread, CurrentUser user) {
        inbox.markAllRead(user);
        return back(unread);
    }

    private static String back(Boolean unread) {
        return "redirect:/notifications" + (Boolean.TRUE.equals(unread) ? "?unread=true" : "");
    }
}
