package cn.np700.portal.numbers.pool;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.release.BlockRelease;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.UserMessages;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.ConcurrencyFailureException;
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

/** "My numbers": the blocks a tenant holds with their usage, its quota, and its paged, searchable pool. */
@Controller
@RequestMapping("/numbers")
class MyNumbersController {

    private final BlockQueries blocks;
    private final PoolQueries pool;
    private final Quotas quotas;
    private final BlockRelease release;
    private final UserMessages messages;
    private final NumberSuspensions suspensions;

    MyNumbersController(BlockQueries blocks, PoolQueries pool, Quotas quotas, BlockRelease release,
            UserMessages messages, NumberSuspensions suspensions) {
        this.suspensions = suspensions;
        this.blocks = blocks;
        this.pool = pool;
        this.quotas = quotas;
        this.release = release;
        this.messages = messages;
    }

    @GetMapping
    String overview(@ModelAttribute("filter") PoolFilter filter, BindingResult ignoredBadFilter,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            CurrentUser user, HtmxRequest htmx, Model model) {
        TenantId tenantId = user.tenant();
        if (!filter.valid()) {
            model.addAttribute("queryProblem", "numbers.search.invalid");
        }
        model.addAttribute("page", pool.find(tenantId, filter, PageQuery.of(page, size)));
        Map<String, Object> filters = new HashMap<>();
        filters.put("q", filter.q());
        filters.put("state", filter.state());
        filters.put("block", filter.block());
        model.addAttribute("links", new ListLinks("/numbers", filters, null));
        model.addAttribute("states", PoolFilter.STATES);
        model.addAttribute("numberReasons", suspensions.openReasons(tenantId));
        if (htmx.isHtmxRequest() && !htmx.isBoosted()) {
            return HtmxViews.pageOrFragment(htmx, "numbers/mine", "results");
        }
        List<BlockRow> held = blocks.heldBy(tenantId);
        model.addAttribute("held", held);
        model.addAttribute("usage", blocks.usage(held));
        model.addAttribute("quota", quotas.of(tenantId));
        PoolQueries.Totals totals = pool.totals(tenantId);
        model.addAttribute("numberCount", totals.numbers());
        model.addAttribute("liveBindings", totals.liveBindings());
        return "numbers/mine";
    }

    @PostMapping("/blocks/{code}/release")
    String release(@PathVariable String code, CurrentUser user, RedirectAttributes redirect) {
        BlockCode block = BlockCode.parse(code).orElseThrow(() -> new NotFoundException("block " + code));
        try {
            release.release(user.tenant(), block);
            redirect.addFlashAttribute("noticeText", messages.text("release.done", block.display()));
        } catch (NumberRuleException e) {
            redirect.addFlashAttribute("errorText", messages.text(e.key(), e.args()));
        } catch (ConcurrencyFailureException e) {
            redirect.addFlashAttribute("errorText", messages.text("operation.busy"));
        }
        return "redirect:/numbers";
    }
}
