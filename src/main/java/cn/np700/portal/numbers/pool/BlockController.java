package cn.np700.portal.numbers.pool;

import cn.np700.portal.numbers.BlockCode;
import cn.np700.portal.numbers.BlockStatus;
import cn.np700.portal.numbers.NumberRuleException;
import cn.np700.portal.numbers.NumberSuspensions;
import cn.np700.portal.numbers.UsageNumber;
import cn.np700.portal.numbers.release.BlockRelease;
import cn.np700.portal.web.ListLinks;
import cn.np700.portal.web.NotFoundException;
import cn.np700.portal.web.PageQuery;
import cn.np700.portal.web.UserMessages;
import java.util.Map;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One block for operators: its state, usage and numbers, and the reclaim, suspend, restore and retire actions. */
@Controller
@RequestMapping("/operator/blocks/{code}")
class BlockController {

    private final BlockQueries blocks;
    private final PoolQueries pool;
    private final BlockRelease release;
    private final NumberSuspensions suspensions;
    private final UserMessages messages;

    BlockController(BlockQueries blocks, PoolQueries pool, BlockRelease release, NumberSuspensions suspensions,
            UserMessages messages) {
        this.blocks = blocks;
        this.pool = pool;
        this.release = release;
        this.suspensions = suspensions;
        this.messages = messages;
    }

    @GetMapping
    String show(@PathVariable String code, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) String q, @RequestParam(required = false) String state, Model model) {
        BlockCode block = parse(code);
        BlockRow row = blocks.find(block).orElseThrow(() -> new NotFoundException("block " + code));
        model.addAttribute("block", row);
        if (row.status() == BlockStatus.ALLOCATED) {
            model.addAttribute("usage", blocks.usage(row));
            PoolFilter filter = new PoolFilter(q, state, row.code());
            model.addAttribute("filter", filter);
            model.addAttribute("states", PoolFilter.STATES);
            model.addAttribute("numbers", pool.find(row.tenantId(), filter, PageQuery.of(page, null)));
            model.addAttribute("links", new ListLinks("/operator/blocks/" + row.code(),
                    Map.of("q", q == null ? "" : q, "state", state == null ? "" : state), null));
        }
        return "numbers/block";
    }

    @PostMapping("/reclaim")
    String reclaim(@PathVariable String code, @RequestParam(required = false) String confirmedLive,
            RedirectAttributes redirect) {
        BlockCode block = parse(code);
        return act(block, redirect, "block.reclaimed", "reclaim", confirmedLive,
                () -> release.reclaim(block, confirmedCount(confirmedLive)));
    }

    @PostMapping("/suspend")
    String suspend(@PathVariable String code, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        BlockCode block = parse(code);
        return act(block, redirect, "block.suspended", "suspend", reason, () -> suspensions.suspendBlock(block, reason));
    }

    @PostMapping("/restore")
    String restore(@PathVariable String code, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        BlockCode block = parse(code);
        return act(block, redirect, "block.restored", "restore", reason, () -> suspensions.restoreBlock(block, reason));
    }

    @PostMapping("/retire")
    String retire(@PathVariable String code, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        BlockCode block = parse(code);
        return act(block, redirect, "block.retired", "retire", reason, () -> suspensions.retire(block, reason));
    }

    @PostMapping("/numbers/{number}/suspend")
    String suspendNumber(@PathVariable String code, @PathVariable String number,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        BlockCode block = parse(code);
        UsageNumber usage = number(block, number);
        return act(block, redirect, "number.suspended", "number-" + usage.digits(), reason,
                () -> suspensions.suspendNumber(usage, reason));
    }

    @PostMapping("/numbers/{number}/restore")
    String restoreNumber(@PathVariable String code, @PathVariable String number,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        BlockCode block = parse(code);
        UsageNumber usage = number(block, number);
        return act(block, redirect, "number.restored", "number-" + usage.digits(), reason,
                () -> suspensions.restoreNumber(usage, reason));
    }

    /** Runs an action; a refusal comes back next to the form it came from, with what was typed. */
    private String act(BlockCode block, RedirectAttributes redirect, String done, String form, String typed,
            Runnable action) {
        blocks.find(block).orElseThrow(() -> new NotFoundException("block " + block));
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (NumberRuleException e) {
            redirect.addFlashAttribute("failedForm", form);
            redirect.addFlashAttribute("formProblem", messages.text(e.key(), e.args()));
            redirect.addFlashAttribute("typed", typed);
        } catch (ConcurrencyFailureException e) {
            redirect.addFlashAttribute("failedForm", form);
            redirect.addFlashAttribute("formProblem", messages.text("operation.busy"));
            redirect.addFlashAttribute("typed", typed);
        }
        return "redirect:/operator/blocks/" + block.digits();
    }

    private static Integer confirmedCount(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        if (!typed.trim().matches("\\d{1,9}")) {
            throw new NumberRuleException("reclaim.countInvalid");
        }
        return Integer.valueOf(typed.trim());
    }

    private static BlockCode parse(String code) {
        return BlockCode.parse(code).orElseThrow(() -> new NotFoundException("block " + code));
    }

    private static UsageNumber number(BlockCode block, String typed) {
        return UsageNumber.parse(typed).filter(n -> n.block().equals(block))
                .orElseThrow(() -> new NotFoundException("number " + typed));
    }
}
