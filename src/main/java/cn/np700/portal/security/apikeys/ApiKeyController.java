package cn.np700.portal.security.apikeys;

import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.NotFoundException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** An enterprise admin's API keys: create (the secret is shown once), see when each was last used, revoke. */
@Controller
@RequestMapping("/enterprise/api-keys")
class ApiKeyController {

    private final ApiKeys keys;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;

    ApiKeyController(ApiKeys keys, ApplicationEventPublisher events, TransactionTemplate tx,
            TransientFailureRetry retry) {
        this.keys = keys;
        this.events = events;
        this.tx = tx;
        this.retry = retry;
    }

    @GetMapping
    String list(CurrentUser user, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ApiKeyForm.empty());
        }
        model.addAttribute("keys", keys.ofTenant(user.tenant()));
        return "security/api-keys";
    }

    @PostMapping
    String create(@ModelAttribute("form") ApiKeyForm form, BindingResult errors, CurrentUser user, Model model) {
        String cidrs = form.cidrs(errors);
        if (errors.hasErrors()) {
            return list(user, model);
        }
        TenantId tenant = user.tenant();
        try {
            ApiKeys.Created created = retry.inTransaction(tx, status -> {
                ApiKeys.Created key = keys.create(tenant, form.trimmedName(), cidrs, user.username());
                Map<String, Object> details = new HashMap<>();
                details.put("name", form.trimmedName());
                details.put("allowedCidrs", cidrs == null ? "any" : cidrs);
                events.publishEvent(new ApiKeyAudit("API_KEY_CREATED", key.id(), tenant, details));
                return key;
            });
            model.addAttribute("name", form.trimmedName());
            model.addAttribute("secret", created.secret());
            return "security/api-key-created";
        } catch (DuplicateKeyException e) {
            errors.rejectValue("name", "apiKey.name.duplicate");
            return list(user, model);
        }
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, CurrentUser user, RedirectAttributes redirect) {
        TenantId tenant = user.tenant();
        if (!keys.exists(tenant, id)) {
            throw new NotFoundException("API key " + id);
        }
        Boolean revoked = retry.inTransaction(tx, status -> {
            boolean done = keys.revoke(tenant, id);
            if (done) {
                events.publishEvent(new ApiKeyAudit("API_KEY_REVOKED", id, tenant, Map.of()));
            }
            return done;
        });
        redirect.addFlashAttribute(Boolean.TRUE.equals(revoked) ? "notice" : "error",
                Boolean.TRUE.equals(revoked) ? "apiKey.revoked" : "apiKey.alreadyRevoked");
        return "redirect:/enterprise/api-keys";
    }
}
