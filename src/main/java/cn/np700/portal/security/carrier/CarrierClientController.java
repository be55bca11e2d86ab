package cn.np700.portal.security.carrier;

import cn.np700.portal.database.TransientFailureRetry;
import cn.np700.portal.security.apikeys.ApiKeyForm;
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

/** Operator admins register carrier API clients (the secret is shown once), see their last use, and revoke them. */
@Controller
@RequestMapping("/operator/carrier-clients")
class CarrierClientController {

    private final CarrierClients clients;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final TransientFailureRetry retry;

    CarrierClientController(CarrierClients clients, ApplicationEventPublisher events, TransactionTemplate tx,
            TransientFailureRetry retry) {
        this.clients = clients;
        this.events = events;
        this.tx = tx;
        this.retry = retry;
    }

    @GetMapping
    String list(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ApiKeyForm.empty());
        }
        model.addAttribute("clients", clients.all());
        return "security/carrier-clients";
    }

    @PostMapping
    String create(@ModelAttribute("form") ApiKeyForm form, BindingResult errors, CurrentUser user, Model model) {
        String cidrs = form.cidrs(errors);
        if (errors.hasErrors()) {
            return list(model);
        }
        try {
            CarrierClients.Created created = retry.inTransaction(tx, status -> {
                CarrierClients.Created client = clients.create(form.trimmedName(), cidrs, user.username());
                Map<String, Object> details = new HashMap<>();
                details.put("name", form.trimmedName());
                details.put("allowedCidrs", cidrs == null ? "any" : cidrs);
                events.publishEvent(new CarrierClientAudit("CARRIER_CLIENT_CREATED", client.id(), details));
                return client;
            });
            model.addAttribute("name", form.trimmedName());
            model.addAttribute("secret", created.secret());
            return "security/carrier-client-created";
        } catch (DuplicateKeyException e) {
            errors.rejectValue("name", "apiKey.name.duplicate");
            return list(model);
        }
    }

    @PostMapping("/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        if (!clients.exists(id)) {
            throw new NotFoundException("carrier client " + id);
        }
        Boolean revoked = retry.inTransaction(tx, status -> {
            boolean done = clients.revoke(id);
            if (done) {
                events.publishEvent(new CarrierClientAudit("CARRIER_CLIENT_REVOKED", id, Map.of()));
            }
            return done;
        });
        redirect.addFlashAttribute(Boolean.TRUE.equals(revoked) ? "notice" : "error",
                Boolean.TRUE.equals(revoked) ? "carrier.revoked" : "apiKey.alreadyRevoked");
        return "redirect:/operator/carrier-clients";
    }
}
