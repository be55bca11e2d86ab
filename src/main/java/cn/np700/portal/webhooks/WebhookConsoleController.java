package cn.np700.portal.webhooks;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An enterprise admin's webhook endpoints: add one (its secret shown once), change, enable or disable, rotate the
 * secret, send a test event, and read the delivery log (filtered by status and type, server-paged; a message's body on
 * request) with redelivery.
 */
@Controller
@RequestMapping("/enterprise/webhooks")
class WebhookConsoleController {

    private final WebhookEndpoints endpoints;
    private final DeliveryLog log;

    WebhookConsoleController(WebhookEndpoints endpoints, DeliveryLog log) {
        this.endpoints = endpoints;
        this.log = log;
    }

    @GetMapping
    String list(CurrentUser user, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", EndpointForm.empty());
        }
        model.addAttribute("endpoints", endpoints.of(user.tenant()));
        model.addAttribute("types", WebhookEventType.subscribable());
        return "webhooks/endpoints";
    }

    @PostMapping
    String create(@ModelAttribute("form") EndpointForm form, BindingResult errors, CurrentUser user, Model model) {
        try {
            WebhookEndpoints.Created created = endpoints.create(user.tenant(), form.input(), user.username());
            model.addAttribute("endpoint", created.endpoint());
            model.addAttribute("secret", created.secret());
            return "webhooks/secret";
        } catch (WebhookInputException e) {
            reject(e, errors);
            return list(user, model);
        } catch (EndpointLimitReached e) {
            errors.reject("webhooks.limitReached", new Object[] {e.limit()}, null);
            return list(user, model);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @RequestParam(required = false) String status,
            @RequestParam(required = false) String type, @RequestParam(required = false) Integer page,
            CurrentUser user, Model model) {
        TenantId tenant = user.tenant();
        WebhookEndpoint endpoint = endpoints.get(tenant, id);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", EndpointForm.of(endpoint));
        }
        DeliveryLog.Filter filter = new DeliveryLog.Filter(
                status != null && DeliveryLog.STATUSES.contains(status) ? status : null,
                type != null && WebhookEventType.ofWire(type).isPresent() ? type : null);
        Page<DeliveryLog.Delivery> deliveries = log.of(tenant, id, filter, PageQuery.of(page, null));
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("types", WebhookEventType.subscribable());
        model.addAttribute("allTypes", WebhookEventType.values());
        model.addAttribute("statuses", DeliveryLog.STATUSES.stream().sorted().toList());
        model.addAttribute("filter", filter);
        model.addAttribute("deliveries", deliveries);
        return "webhooks/endpoint";
    }

    @PostMapping("/{id}")
    String change(@PathVariable long id, @ModelAttribute("form") EndpointForm form, BindingResult errors, CurrentUser user,
            Model model, RedirectAttributes redirect) {
        try {
            endpoints.change(user.tenant(), id, form.input());
        } catch (WebhookInputException e) {
            reject(e, errors);
            return show(id, null, null, null, user, model);
        }
        redirect.addFlashAttribute("notice", "webhooks.saved");
        return "redirect:/enterprise/webhooks/" + id;
    }

    @PostMapping("/{id}/rotate")
    String rotate(@PathVariable long id, CurrentUser user, Model model) {
        WebhookEndpoints.Rotated rotated = endpoints.rotate(user.tenant(), id);
        model.addAttribute("endpoint", endpoints.get(user.tenant(), id));
        model.addAttribute("secret", rotated.secret());
        model.addAttribute("previousValidUntil", rotated.previousValidUntil());
        return "webhooks/secret";
    }

    @PostMapping("/{id}/test")
    String test(@PathVariable long id, CurrentUser user, RedirectAttributes redirect) {
        endpoints.sendTest(user.tenant(), id);
        redirect.addFlashAttribute("notice", "webhooks.test.sent");
        return "redirect:/enterprise/webhooks/" + id;
    }

    @GetMapping("/{id}/deliveries/{msgId}")
    String delivery(@PathVariable long id, @PathVariable String msgId, CurrentUser user, Model model) {
        model.addAttribute("detail", log.detail(user.tenant(), id, msgId).orElseThrow(() -> DeliveryLog.notFound(msgId)));
        return "webhooks/endpoint :: detail";
    }

    @PostMapping("/{id}/deliveries/{msgId}/redeliver")
    String redeliver(@PathVariable long id, @PathVariable String msgId, CurrentUser user, RedirectAttributes redirect) {
        if (!log.redeliver(user.tenant(), id, msgId)) {
            throw DeliveryLog.notFound(msgId);
        }
        redirect.addFlashAttribute("notice", "webhooks.redelivery.queued");
        return "redirect:/enterprise/webhooks/" + id;
    }

    private static void reject(WebhookInputException e, BindingResult errors) {
        e.problems().forEach(p -> errors.rejectValue(p.field(), p.messageKey()));
    }
}
