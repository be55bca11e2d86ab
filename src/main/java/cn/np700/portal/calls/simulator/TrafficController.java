package cn.np700.portal.calls.simulator;

import cn.np700.portal.scope.TenantId;
import cn.np700.portal.audit.AuditActor;
import cn.np700.portal.calls.routing.RejectReason;
import cn.np700.portal.runs.BackgroundRuns;
import cn.np700.portal.runs.Run;
import cn.np700.portal.runs.RunAlreadyGoing;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.DisplayTimes;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.NotFoundException;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Operators start simulated traffic for a tenant, watch it run and may cancel it (OPERATOR_ADMIN, by the security rules). */
@Controller
@RequestMapping(TrafficController.PAGE)
class TrafficController {

    static final String PAGE = "/operator/calls/simulate";
    static final int RECENT = 20;

    private final TrafficSimulator simulator;
    private final BackgroundRuns runs;
    private final TenantDirectory tenants;
    private final DisplayTimes times;
    private final Clock clock;

    TrafficController(TrafficSimulator simulator, BackgroundRuns runs, TenantDirectory tenants, DisplayTimes times,
            Clock clock) {
        this.simulator = simulator;
        this.runs = runs;
        this.tenants = tenants;
        this.times = times;
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
        if (simulator.usableBindings(wanted.tenant(), plan) == 0) {
            errors.rejectValue("tenantId", "traffic.tenant.noBindings");
            return page(model);
        }
        try {
            Run run = runs.start(TrafficSimulation.newRun(wanted.tenant(), names.get(wanted.tenant().value()), wanted.calls(),
                    wanted.spanHours(), now, user.asActor()));
            return "redirect:" + PAGE + "/" + run.id();
        } catch (RunAlreadyGoing e) {
            Run going = e.running();
            errors.rejectValue("tenantId", "run.alreadyGoing", new Object[] {going.label(), going.startedBy().name(),
                    times.minutes(going.createdAt()), going.position(), going.total()}, "run.alreadyGoing");
            model.addAttribute("going", going);
            return page(model);
        }
    }

    @GetMapping("/{id}")
    String run(@PathVariable long id, HtmxRequest htmx, Model model) {
        Run run = find(id);
        model.addAttribute("run", run);
        model.addAttribute("self", PAGE + "/" + id);
        model.addAttribute("tenantName", tenants.names().get(run.tenant().orElseThrow().value()));
        model.addAttribute("reasons", RejectReason.values());
        return HtmxViews.pageOrFragment(htmx, "calls/simulate-run", "progress");
    }

    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable long id, CurrentUser user) {
        runs.cancel(find(id), user.username());
        return "redirect:" + PAGE + "/" + id;
    }

    private Run find(long id) {
        return runs.findOfKind(TrafficSimulation.KIND, id).orElseThrow(() -> new NotFoundException("traffic run " + id));
    }

    private String page(Model model) {
        model.addAttribute("tenantNames", tenants.names());
        model.addAttribute("runs", runs.recentOfKind(TrafficSimulation.KIND, RECENT));
        model.addAttribute("maxCalls", TrafficForm.MAX_CALLS);
        model.addAttribute("maxSpanHours", TrafficForm.MAX_SPAN_HOURS);
        return "calls/simulate";
    }
}
