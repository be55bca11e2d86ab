package cn.np700.portal.numbers.inventory;

import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.pool.BlockQueries;
import cn.np700.portal.tenancy.TenantDirectory;
import cn.np700.portal.web.HtmxViews;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.SortOrder;
import cn.np700.portal.web.UserMessages;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The platform's inventory: counts by status, the block list, and the import of granted blocks. */
@Controller
@RequestMapping("/operator/inventory")
class InventoryController {

    private final BlockQueries blocks;
    private final InventoryImport imports;
    private final TenantDirectory tenants;
    private final UserMessages messages;

    InventoryController(BlockQueries blocks, InventoryImport imports, TenantDirectory tenants, UserMessages messages) {
        this.blocks = blocks;
        this.imports = imports;
        this.tenants = tenants;
        this.messages = messages;
    }

    @GetMapping
    String list(@ModelAttribute("filter") InventoryFilter filter, BindingResult ignoredBadFilter,
            @RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, HtmxRequest htmx, Model model) {
        SortOrder order = SortOrder.parse(sort, BlockQueries.SORTS, "code");
        if (!filter.prefixValid()) {
            model.addAttribute("prefixProblem", "inventory.prefix.invalid");
        }
        if (filter.tenantFilter().isEmpty()) {
            model.addAttribute("tenantProblem", "inventory.tenant.invalid");
        }
        if (!htmx.isHtmxRequest() || htmx.isBoosted()) {
            model.addAttribute("counts", blocks.countByStatus());
        }
        model.addAttribute("sort", order);
        model.addAttribute("page", blocks.find(filter, order, PageQuery.of(page, size)));
        Map<String, Object> filters = new HashMap<>();
        filters.put("prefix", filter.prefix());
        filters.put("status", filter.status());
        filters.put("tenantId", filter.tenantId());
        model.addAttribute("links", new ListLinks("/operator/inventory", filters, order));
        model.addAttribute("statuses", BlockStatus.values());
        model.addAttribute("tenantNames", tenants.names());
        return HtmxViews.pageOrFragment(htmx, "numbers/inventory", "results");
    }

    @GetMapping("/import")
    String importPage(Model model) {
        model.addAttribute("form", ImportForm.empty());
        return "numbers/import";
    }

    @PostMapping("/import")
    String importTyped(@ModelAttribute("form") ImportForm form, BindingResult errors, Model model,
            RedirectAttributes redirect) {
        ImportReport report = imports.run(List.of(form.line()),
                form.range() ? InventoryImport.Source.RANGE : InventoryImport.Source.SINGLE);
        if (!report.ok()) {
            report.problems().forEach(p -> errors.rejectValue(p.field().equals("file") ? "fromCode" : p.field(), p.key(),
                    p.args(), p.key()));
            return "numbers/import";
        }
        redirect.addFlashAttribute("noticeText", messages.text("import.done", report.blocks()));
        return "redirect:/operator/inventory";
    }

    @PostMapping("/import-csv")
    String importCsv(@RequestParam(required = false) MultipartFile file, Model model, RedirectAttributes redirect)
            throws IOException {
        model.addAttribute("form", ImportForm.empty());
        if (file == null || file.isEmpty()) {
            model.addAttribute("csvProblems", List.of(messages.text("import.csv.missing")));
            return "numbers/import";
        }
        CsvImportLines.Read read = CsvImportLines.read(file.getBytes());
        if (read.problem() != null) {
            model.addAttribute("csvProblems", List.of(messages.text(read.problem(), CsvImportLines.MAX_LINES)));
            return "numbers/import";
        }
        List<ImportLine> lines = read.lines();
        ImportReport report = imports.run(lines, InventoryImport.Source.CSV);
        if (!report.ok()) {
            model.addAttribute("csvFileName", file.getOriginalFilename());
            model.addAttribute("csvProblems", report.problems().stream()
                    .map(p -> p.lineNo() > 0 ? messages.text("import.csv.line", p.lineNo(), messages.text(p.key(), p.args()))
                            : messages.text(p.key(), p.args()))
                    .toList());
            return "numbers/import";
        }
        redirect.addFlashAttribute("noticeText", messages.text("import.done", report.blocks()));
        return "redirect:/operator/inventory";
    }
}
