package cn.np700.portal.calls;

import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Operators start simulated traffic for a tenant and watch it run (OPERATOR_ADMIN, by the security rules). */
@Controller
@RequestMapping("/operator/calls/simulate")
class TrafficController {

    static final int RECENT = 20;

    private final TrafficLauncher launcher;
    private final TrafficSimulator simulator;
    private final TrafficRuns runs;
    private final TenantDirectory tenants;
    private final Clock clock;

    TrafficController(TrafficLauncher launcher, TrafficSimulator simulator, TrafficRuns runs, TenantDirectory tenants,
            Clock clock) {
        this.launcher = launcher;
        this.simulator = simulator;
        this.runs = runs;
        this.tenants = tenants;
        this.clock = clock;
    }

    @GetMapping
    String form(Model model) {
        model.addAttribute("form", TrafficForm.blank());
        return page(model);
    }

    @PostMapping
    String start(@ModelAttribute("form") TrafficForm form, BindingResult errors, CurrentUser user, Model model) {
        Map<Long, String> names = tenants.names();
        TrafficForm.Checked wanted = form.check(names.keySet(), errors);
        if (wanted == null) {
            return page(model);
        }
        Instant now = clock.instant();
        TrafficPlan plan = new TrafficPlan(wanted.calls(), now.minus(Duration.ofHours(wanted.spanHours())), now, "");
        if (simulator.usableBindings(wanted.tenantId(), plan) == 0) {
            errors.rejectValue("tenantId", "traffic.tenant.noBindings");
            return page(model);
        }
        try {
            long id = launcher.start(wanted.tenantId(), wanted.calls(), wanted.spanHours(),
                    new AuditActor(user.username(), user.userId(), user.tenantId()));
            return "redirect:/operator/calls/simulate/" + id;
        } catch (DuplicateKeyException e) {
            errors.rejectValue("tenantId", "traffic.oneAtATime");
            return page(model);
        }
    }

    @GetMapping("/{id}")
    String run(@PathVariable long id, HtmxRequest htmx, Model model) {
        TrafficRun run = runs.find(id).orElseThrow(() -> new NotFoundException("traffic run " + id));
        model.addAttribute("run", run);
        model.addAttribute("tenantName", tenants.names().get(run.tenantId()));
        model.addAttribute("reasons", RejectReason.values());
        return HtmxViews.pageOrFragment(htmx, "calls/simulate-run", "progress");
    }

    private String page(Model model) {
        model.addAttribute("tenantNames", tenants.names());
        model.addAttribute("runs", runs.recent(RECENT));
        model.addAttribute("maxCalls", TrafficForm.MAX_CALLS);
        model.addAttribute("maxSpanHours", TrafficForm.MAX_SPAN_HOURS);
        return "calls/simulate";
    }
}
