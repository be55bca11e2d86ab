package cn.np700.portal.bindings.web;

import cn.np700.portal.bindings.Actor;
import cn.np700.portal.bindings.Binding;
import cn.np700.portal.bindings.changes.BindingChanges;
import cn.np700.portal.bindings.changes.ChangeInput;
import cn.np700.portal.bindings.ledger.BindingLedger;
import cn.np700.portal.bindings.rules.BindingRefusedException;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.UserMessages;
import java.util.Set;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One of the tenant's bindings: its facts and timeline, a new expiry, and unbinding after a ticked confirmation.
 * Another tenant's id answers 404 like one that does not exist.
 */
@Controller
@RequestMapping("/bindings/{id}")
class BindingDetailController {

    private static final String BASE = "/bindings";

    private final BindingLedger ledger;
    private final BindingChanges changes;
    private final BindingDetails details;
    private final UserMessages messages;

    BindingDetailController(BindingLedger ledger, BindingChanges changes, BindingDetails details, UserMessages messages) {
        this.ledger = ledger;
        this.changes = changes;
        this.details = details;
        this.messages = messages;
    }

    @GetMapping
    String show(@PathVariable String id, CurrentUser user, Model model) {
        details.describe(user.scope(), find(user, id), BASE, model);
        return "bindings/detail";
    }

    @PostMapping("/expiry")
    String expiry(@PathVariable String id, @ModelAttribute("expiryForm") ExpiryForm form, BindingResult errors,
            CurrentUser user, Model model, RedirectAttributes redirect) {
        Binding binding = find(user, id);
        if (!binding.live()) {
            return ended(binding, redirect);
        }
        Long seconds = Validity.seconds(form.validity(), form.unit(), errors);
        if (seconds != null) {
            try {
                changes.change(user.tenant(), binding.id(), new ChangeInput(seconds, null, null, null),
                        actor(user), false);
                redirect.addFlashAttribute("notice", "binding.expiryChanged");
                return "redirect:" + BASE + "/" + binding.id();
            } catch (BindingRefusedException e) {
                RefusalErrors.apply(e, errors, Set.of(Validity.FIELD, "unit"));
            } catch (ConcurrencyFailureException e) {
                model.addAttribute("errorText", messages.text("operation.busy"));
            }
        }
        return show(id, user, model);
    }

    @PostMapping("/unbind")
    String unbind(@PathVariable String id, @ModelAttribute("unbindForm") UnbindForm form, BindingResult errors,
            CurrentUser user, Model model, RedirectAttributes redirect) {
        Binding binding = find(user, id);
        if (!binding.live()) {
            return ended(binding, redirect);
        }
        if (!form.confirmed()) {
            errors.rejectValue("confirm", "binding.unbind.confirmRequired");
            return show(id, user, model);
        }
        try {
            changes.unbind(user.tenant(), binding.id(), actor(user), "UNBOUND");
        } catch (ConcurrencyFailureException e) {
            model.addAttribute("errorText", messages.text("operation.busy"));
            return show(id, user, model);
        }
        redirect.addFlashAttribute("notice", "binding.unbound");
        return "redirect:" + BASE + "/" + binding.id();
    }

    /** A page older than the binding's end posted to it: the binding's page says it has ended. */
    private String ended(Binding binding, RedirectAttributes redirect) {
        redirect.addFlashAttribute("errorText", messages.text("binding.notLive",
                messages.text("binding.status." + binding.status().name())));
        return "redirect:" + BASE + "/" + binding.id();
    }

    private Binding find(CurrentUser user, String id) {
        return ledger.find(Scope.of(user.tenant()), BindingDetails.parseId(id))
                .orElseThrow(() -> new NotFoundException("binding " + id));
    }

    static Actor actor(CurrentUser user) {
        return new Actor(user.username(), null);
    }
}
