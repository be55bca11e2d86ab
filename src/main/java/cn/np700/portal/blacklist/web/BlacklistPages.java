package cn.np700.portal.blacklist.web;

import cn.np700.portal.blacklist.Blacklist;
import cn.np700.portal.blacklist.BlacklistOwner;
import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.verification.PersonalDataCipher;
import cn.np700.portal.web.NotFoundException;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** What the operators' and the enterprise's blacklist pages share: one list, its form, adding and removing. */
@Component
class BlacklistPages {

    private static final int SHOWN = 200;

    private final Blacklist blacklist;
    private final PersonalDataCipher cipher;
    private final PlatformCalendar calendar;
    private final Clock clock;

    BlacklistPages(Blacklist blacklist, PersonalDataCipher cipher, PlatformCalendar calendar, Clock clock) {
        this.blacklist = blacklist;
        this.cipher = cipher;
        this.calendar = calendar;
        this.clock = clock;
    }

    String list(BlacklistOwner owner, String base, String search, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", BlacklistForm.empty());
        }
        byte[] hash = null;
        if (search != null && !search.isBlank()) {
            String normalized = PhoneNumbers.normalizeMobile(search).orElse(null);
            if (normalized == null) {
                model.addAttribute("searchProblem", "mobile.invalid");
            } else {
                hash = cipher.index(normalized);
            }
        }
        model.addAttribute("search", search);
        model.addAttribute("base", base);
        model.addAttribute("platform", owner instanceof BlacklistOwner.Platform);
        model.addAttribute("entries", blacklist.of(owner, hash, SHOWN));
        model.addAttribute("now", clock.instant());
        return "blacklist/list";
    }

    String add(BlacklistOwner owner, String base, BlacklistForm form, BindingResult errors, String by, Model model,
            RedirectAttributes redirect) {
        BlacklistForm.Checked checked = form.check(errors, calendar.dayOf(clock.instant()), calendar.zone());
        if (checked == null) {
            return list(owner, base, null, model);
        }
        if (!blacklist.add(owner, checked.number(), checked.masked(), checked.reason(), checked.expiresAt(), by)) {
            errors.rejectValue("number", "blacklist.already");
            return list(owner, base, null, model);
        }
        redirect.addFlashAttribute("notice", "blacklist.addedNotice");
        return "redirect:" + base;
    }

    String remove(BlacklistOwner owner, String base, long id, String by, RedirectAttributes redirect) {
        if (!blacklist.exists(owner, id)) {
            throw new NotFoundException("blacklist entry " + id);
        }
        boolean removed = blacklist.remove(owner, id, by);
        redirect.addFlashAttribute(removed ? "notice" : "error", removed ? "blacklist.removed" : "blacklist.alreadyRemoved");
        return "redirect:" + base;
    }
}
