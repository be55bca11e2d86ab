package cn.np700.portal.bindings.web;

import cn.np700.portal.bindings.queries.BindingFilter;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.HtmxViews;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** An enterprise's bindings: filtered, sorted and paged on the server, numbers masked, one number found by its hash. */
@Controller
@RequestMapping("/bindings")
class BindingListController {

    private final BindingLists lists;

    BindingListController(BindingLists lists) {
        this.lists = lists;
    }

    @GetMapping
    String list(@ModelAttribute("filter") BindingFilter filter, BindingResult ignoredBadFilter,
            @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page, CurrentUser user,
            HtmxRequest htmx, Model model) {
        lists.fill(Scope.of(user.tenant()), ownTenant(filter), sort, page, "/bindings", model);
        model.addAttribute("operator", false);
        return HtmxViews.pageOrFragment(htmx, "bindings/list", "list");
    }

    /** Turns a typed number into its keyed hash for the list's address; a number that is not a mobile is explained. */
    @PostMapping("/search")
    String search(@RequestParam(required = false) String number, @ModelAttribute("filter") BindingFilter filter,
            BindingResult ignoredBadFilter, @RequestParam(required = false) String sort, CurrentUser user,
            HtmxRequest htmx, Model model) {
        Optional<String> url = lists.searchUrl("/bindings", number, ownTenant(filter), sort);
        if (url.isPresent()) {
            return "redirect:" + url.get();
        }
        model.addAttribute("numberProblem", "mobile.invalid");
        model.addAttribute("typedNumber", number);
        return list(filter, ignoredBadFilter, sort, null, user, htmx, model);
    }

    /** The tenant is the signed-in user's; a tenant typed into the address is ignored. */
    private static BindingFilter ownTenant(BindingFilter filter) {
        return new BindingFilter(filter.status(), filter.mode(), filter.x(), filter.orderRef(), filter.from(),
                filter.to(), filter.numberHash(), null);
    }
}
