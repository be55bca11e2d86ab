package cn.np700.portal.numbers.quotas;

import cn.np700.portal.numbers.NumberSettings;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.pool.PoolQueries;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.NotFoundException;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A tenant's quotas beside the platform defaults; operator admins change them, every change audited. */
@Controller
@RequestMapping("/operator/tenants/{tenantId}/quotas")
class QuotaController {

    private final Quotas quotas;
    private final PoolQueries pool;
    private final TenantDirectory tenants;

    QuotaController(Quotas quotas, PoolQueries pool, TenantDirectory tenants) {
        this.quotas = quotas;
        this.pool = pool;
        this.tenants = tenants;
    }

    @GetMapping
    String show(@PathVariable TenantId tenantId, Model model) {
        model.addAttribute("form", QuotaForm.of(quotas.overrides(tenant(tenantId, model))));
        return view(tenantId, model);
    }

    @PostMapping
    String change(@PathVariable TenantId tenantId, @ModelAttribute("form") QuotaForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        tenant(tenantId, model);
        QuotaOverrides wanted = form.parse((field, range) -> errors.rejectValue(field, "quota.range", range, "quota.range"));
        if (errors.hasErrors()) {
            return view(tenantId, model);
        }
        quotas.change(tenantId, wanted);
        redirect.addFlashAttribute("notice", "quota.saved");
        return "redirect:/operator/tenants/" + tenantId + "/quotas";
    }

    private TenantId tenant(TenantId tenantId, Model model) {
        model.addAttribute("tenant", tenants.find(tenantId).orElseThrow(() -> new NotFoundException("tenant " + tenantId)));
        return tenantId;
    }

    private String view(TenantId tenantId, Model model) {
        model.addAttribute("quota", quotas.of(tenantId));
        NumberSettings.QuotaLimits d = quotas.defaults();
        model.addAttribute("defaultValues", Map.of("maxBlocks", d.maxBlocks(), "maxActiveBindings", d.maxActiveBindings(),
                "maxNewBindingsPerDay", d.maxNewBindingsPerDay(), "maxPairsPerX", d.maxPairsPerX(),
                "maxBindingLifetimeMinutes", d.maxBindingLifetime().toMinutes(), "maxBPerAPerDay", d.maxBPerAPerDay()));
        model.addAttribute("liveBindings", pool.liveBindings(tenantId));
        return "numbers/quotas";
    }
}
