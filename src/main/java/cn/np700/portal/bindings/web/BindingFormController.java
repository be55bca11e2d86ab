package cn.np700.portal.bindings.web;

import cn.np700.portal.bindings.BindingMode;
import cn.np700.portal.bindings.Direction;
import cn.np700.portal.bindings.creation.BindingCreation;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.bindings.rules.InputRules;
import cn.np700.portal.consent.ConsentChannel;
import cn.np700.portal.consent.Consents;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.verification.RealNameVerification;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.UserMessages;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The form for a new binding. Each real number is checked as it is typed (a valid mobile? verified for this tenant?);
 * a refused binding comes back with what was typed and each problem next to its field. Numbers travel in request
 * bodies only, never in an address.
 */
@Controller
@RequestMapping("/bindings")
class BindingFormController {

    private static final List<String> NUMBERS = List.of("a", "b", "n");
    private static final Set<String> FIELDS = fields();
    /** Stands in for an unreadable validity while the other fields are checked; nothing is created then. */
    private static final long PLACEHOLDER_SECONDS = 3_600;

    private final BindingCreation creation;
    private final RealNameVerification verification;
    private final Consents consents;
    private final Quotas quotas;
    private final UserMessages messages;
    private final Clock clock;

    BindingFormController(BindingCreation creation, RealNameVerification verification, Consents consents,
            Quotas quotas, UserMessages messages, Clock clock) {
        this.creation = creation;
        this.verification = verification;
        this.consents = consents;
        this.quotas = quotas;
        this.messages = messages;
        this.clock = clock;
    }

    private static Set<String> fields() {
        Set<String> fields = new HashSet<>(Set.of("mode", "a", "b", "n", "x", Validity.FIELD, "unit", "direction",
                "record", "orderRef"));
        fields.addAll(BindingForm.CONSENT_FIELDS.values());
        return Set.copyOf(fields);
    }

    @GetMapping("/new")
    String form(CurrentUser user, Model model) {
        model.addAttribute("form", BindingForm.empty());
        return page(user.tenant(), BindingForm.empty(), null, model);
    }

    /** The live check of one number ({@code check}: a, b or n) as the form's fragment; the whole form without htmx. */
    @PostMapping("/new/check")
    String check(@ModelAttribute("form") BindingForm form, BindingResult ignored,
            @RequestParam String check, CurrentUser user, HtmxRequest htmx, Model model) {
        if (!NUMBERS.contains(check)) { // a missing check is refused as a missing parameter (400) before this
            throw new NotFoundException("field " + check);
        }
        TenantId tenantId = user.tenant();
        if (htmx.isHtmxRequest() && !htmx.isBoosted()) {
            model.addAttribute("check", NumberCheck.of(check, form.number(check), tenantId, verification,
                    consents));
            return HtmxViews.pageOrFragment(htmx, "bindings/new", "numberCheck");
        }
        return page(tenantId, form, null, model);
    }

    @PostMapping
    String create(@ModelAttribute("form") BindingForm form, BindingResult errors, CurrentUser user, Model model,
            RedirectAttributes redirect) {
        TenantId tenantId = user.tenant();
        Long seconds = Validity.seconds(form.validity(), form.unit(), errors);
        try {
            if (seconds == null) {
                // every other field is still checked, so that all problems show at once
                InputRules.check(form.input(PLACEHOLDER_SECONDS), Duration.ofDays(36_500), clock.instant());
                return page(tenantId, form, errors, model);
            }
            BindingCreation.Created created = creation.bind(tenantId, BindingDetailController.actor(user),
                    form.input(seconds), false);
            redirect.addFlashAttribute("notice", created.repeated() ? "binding.repeated" : "binding.created");
            return "redirect:/bindings/" + created.binding().id();
        } catch (BindingRefusedException e) {
            model.addAttribute("notVerified", RefusalErrors.apply(e, errors, FIELDS));
        } catch (ConcurrencyFailureException e) {
            model.addAttribute("errorText", messages.text("operation.busy"));
        }
        return page(tenantId, form, errors, model);
    }

    /** The form page; a number without a problem of its own shows its check, so that a re-shown form says what holds. */
    private String page(TenantId tenantId, BindingForm form, Errors errors, Model model) {
        Map<String, NumberCheck> checks = new LinkedHashMap<>();
        for (String field : NUMBERS) {
            boolean hasProblem = errors != null && errors.hasFieldErrors(field);
            checks.put(field, hasProblem ? NumberCheck.empty(field)
                    : NumberCheck.of(field, form.number(field), tenantId, verification, consents));
        }
        model.addAttribute("checks", checks);
        if (!model.containsAttribute("notVerified")) {
            model.addAttribute("notVerified", Set.of());
        }
        model.addAttribute("noConsent", noConsent(errors));
        Duration longest = quotas.of(tenantId).maxBindingLifetime();
        ValidityUnit unit = ValidityUnit.largestWhole(longest);
        model.addAttribute("longestAmount", unit.amountOf(longest));
        model.addAttribute("longestUnit", unit);
        model.addAttribute("units", ValidityUnit.values());
        model.addAttribute("modes", BindingMode.values());
        model.addAttribute("directions", Direction.values());
        model.addAttribute("channels", ConsentChannel.values());
        return "bindings/new";
    }

    /** The parties refused for want of consent, so that the page points at their consent choice. */
    private static Set<String> noConsent(Errors errors) {
        if (errors == null) {
            return Set.of();
        }
        return errors.getFieldErrors().stream().filter(e -> "binding.noConsent".equals(e.getCode()))
                .map(FieldError::getField).collect(Collectors.toSet());
    }
}
