package cn.np700.portal.verification.web;

import cn.np700.portal.calendar.PlatformCalendar;
import cn.np700.portal.phones.PhoneNumbers;
import cn.np700.portal.scope.TenantFilter;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.verification.PersonalDataCipher;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.verification.VerificationOutcome;
import cn.np700.portal.verification.VerificationSource;
import cn.np700.portal.verification.rules.VerifyForm;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.PageQuery;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** An enterprise's real-name checks: check one number, and the paged list of checks with masked numbers. */
@Controller
@RequestMapping("/verifications")
class VerificationController {

    private final RealNameVerification verification;
    private final VerificationQueries queries;
    private final PersonalDataCipher cipher;
    private final PlatformCalendar calendar;
    private final Clock clock;

    VerificationController(RealNameVerification verification, VerificationQueries queries, PersonalDataCipher cipher,
            PlatformCalendar calendar, Clock clock) {
        this.verification = verification;
        this.queries = queries;
        this.cipher = cipher;
        this.calendar = calendar;
        this.clock = clock;
    }

    @GetMapping
    String list(@ModelAttribute("filter") VerificationFilter filter, BindingResult ignoredBadFilter,
            @RequestParam(required = false) Integer page, CurrentUser user, HtmxRequest htmx, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", VerifyForm.empty());
        }
        model.addAttribute("filter", filter);
        model.addAttribute("page", queries.find(user.scope(), TenantFilter.ANY, filter.outcomeValue(), filter.hashValue(),
                PageQuery.of(page, null)));
        Map<String, Object> filters = new HashMap<>();
        filters.put("outcome", filter.outcome());
        filters.put("numberHash", filter.hashValue() == null ? null : filter.numberHash());
        model.addAttribute("links", new ListLinks("/verifications", filters, null));
        model.addAttribute("outcomes", VerificationOutcome.values());
        return HtmxViews.pageOrFragment(htmx, "verification/verifications", "results");
    }

    @PostMapping
    String check(@ModelAttribute("form") VerifyForm form, BindingResult errors, CurrentUser user, HtmxRequest htmx,
            Model model) {
        RealNameVerification.Subject subject = form.check(errors, calendar.dayOf(clock.instant()));
        if (subject != null) {
            model.addAttribute("result", verification.check(user.tenant(), user.username(),
                    VerificationSource.PORTAL, subject));
            model.addAttribute("form", VerifyForm.empty());
        }
        return list(new VerificationFilter(null, null), errors, null, user, htmx, model);
    }

    /**
     * Checks a stored check's number again (an answer the service could not give, or a number registered since). A check
     * of name and ID number too cannot be repeated from what is stored (only their hash and masked form are), so the
     * user is asked to type them again.
     */
    @PostMapping("/{id:\\d{1,18}}/retry")
    String retry(@PathVariable long id, CurrentUser user, HtmxRequest htmx, Model model) {
        VerificationQueries.Retry stored = queries.retry(user.tenant(), id)
                .orElseThrow(() -> new NotFoundException("verification " + id));
        if (stored.threeElements()) {
            model.addAttribute("retryProblem", "verify.retry.threeElements");
        } else {
            model.addAttribute("result", verification.check(user.tenant(), user.username(),
                    VerificationSource.PORTAL, new RealNameVerification.Subject(cipher.decrypt(stored.mobileCipher()),
                            null, null)));
        }
        model.addAttribute("form", VerifyForm.empty());
        return list(new VerificationFilter(null, null), null, null, user, htmx, model);
    }

    /** Turns a typed number into its keyed hash for the list's URL; a number that is not a mobile is explained. */
    @PostMapping("/search")
    String search(@RequestParam(required = false) String number, @RequestParam(required = false) String outcome,
            CurrentUser user, HtmxRequest htmx, Model model) {
        String normalized = PhoneNumbers.normalizeMobile(number).orElse(null);
        if (normalized == null) {
            model.addAttribute("numberProblem", "mobile.invalid");
            model.addAttribute("typedNumber", number);
            return list(new VerificationFilter(outcome, null), null, null, user, htmx, model);
        }
        return "redirect:/verifications?numberHash=" + HexFormat.of().formatHex(cipher.index(normalized))
                + (new VerificationFilter(outcome, null).outcomeValue() == null ? "" : "&outcome=" + outcome);
    }
}
