package cn.np700.portal.consent.web;

import cn.np700.portal.consent.Consent;
import cn.np700.portal.consent.ConsentChannel;
import cn.np700.portal.consent.ConsentFilter;
import cn.np700.portal.consent.ConsentImports;
import cn.np700.portal.consent.ConsentRefusedException;
import cn.np700.portal.consent.Consents;
import cn.np700.portal.runs.RunAlreadyGoing;
import cn.np700.portal.scope.Scope;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.Page;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import cn.np700.portal.web.UploadedFileNames;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /consents}: the enterprise's consents, newest first by default, a number found by its keyed hash; record one
 * (a refused field is named next to it, what was typed kept), withdraw one after ticking the confirmation, import a
 * CSV file in the background.
 */
@Controller
@RequestMapping("/consents")
class ConsentController {

    private static final String BASE = "/consents";

    private static final int RECENT_IMPORTS = 5;

    private final Consents consents;
    private final ConsentImports imports;
    private final MessageSource messages;

    ConsentController(Consents consents, ConsentImports imports, MessageSource messages) {
        this.consents = consents;
        this.imports = imports;
        this.messages = messages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String channel,
            @RequestParam(required = false) String number, @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer page, Scope.Tenant tenant, Model model) {
        ConsentFilter filter = new ConsentFilter(status, channel, number);
        SortOrder order = SortOrder.parse(sort, ConsentFilter.SORTS, "-recorded");
        Page<Consent> found = consents.list(tenant.id(), filter.numberInvalid() ? new ConsentFilter(status, channel, null)
                : filter, order, PageQuery.of(page, null));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", status);
        filters.put("channel", channel);
        filters.put("number", number);
        model.addAttribute("filter", filter);
        model.addAttribute("page", found);
        model.addAttribute("links", new ListLinks(BASE, filters, order));
        model.addAttribute("channels", ConsentChannel.values());
        model.addAttribute("imports", imports.recent(tenant.id(), RECENT_IMPORTS));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", ConsentForm.empty());
        }
        return "consent/list";
    }

    @PostMapping
    String record(@ModelAttribute("form") ConsentForm form, BindingResult errors, Scope.Tenant tenant, CurrentUser user,
            Model model, RedirectAttributes redirect) {
        try {
            Consents.Recorded recorded = consents.record(tenant.id(), user.username(), form.mobile(), form.input(),
                    "PORTAL");
            redirect.addFlashAttribute("noticeText", text(recorded.created() ? "consent.record.done"
                    : "consent.record.existing", recorded.consent().numberMasked()));
            return "redirect:" + BASE;
        } catch (ConsentRefusedException e) {
            errors.rejectValue(e.field() == null ? "mobile" : e.field(), e.messageKey(), e.args(), e.messageKey());
            return list(null, null, null, null, null, tenant, model);
        }
    }

    /** Starts the file's import in the background; its progress shows under the list's recent imports. */
    @PostMapping("/import")
    String importFile(@RequestParam(required = false) MultipartFile file, Scope.Tenant tenant, CurrentUser user,
            RedirectAttributes redirect) throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("error", "consent.import.empty");
            return "redirect:" + BASE;
        }
        try {
            ConsentImports.Started started = imports.start(tenant.id(), user.asActor(),
                    UploadedFileNames.of(file.getOriginalFilename()), file.getBytes());
            if (started.run().isEmpty()) {
                redirect.addFlashAttribute("errorText", text(started.problemKey(), ConsentImports.MAX_ROWS));
            } else {
                redirect.addFlashAttribute("noticeText", text("consent.import.started", started.run().get().id()));
            }
        } catch (RunAlreadyGoing e) {
            redirect.addFlashAttribute("errorText", text("consent.import.running", e.running().id()));
        }
        return "redirect:" + BASE;
    }

    @PostMapping("/{id}/withdraw")
    String withdraw(@PathVariable long id, @RequestParam(required = false) String confirm, Scope.Tenant tenant,
            CurrentUser user, RedirectAttributes redirect) {
        Consent consent = consents.find(tenant.id(), id).orElseThrow(() -> new NotFoundException("consent " + id));
        if (!"yes".equals(confirm)) {
            redirect.addFlashAttribute("error", "consent.withdraw.confirmRequired");
            return "redirect:" + BASE;
        }
        Consents.Withdrawal withdrawal = consents.withdraw(tenant.id(), consent.id(), user.username());
        redirect.addFlashAttribute("noticeText", text("consent.withdraw.done", consent.numberMasked(),
                withdrawal.bindingsEnded()));
        return "redirect:" + BASE;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
