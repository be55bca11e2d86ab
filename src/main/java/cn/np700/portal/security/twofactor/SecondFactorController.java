package cn.np700.portal.security.twofactor;

import cn.np700.portal.security.SignInCompletion;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second sign-in step (a TOTP or recovery code), enrolment (required for operators right after their password,
 * optional for enterprise admins at /account/two-factor) and an operator admin's reset of someone else's enrolment.
 */
@Controller
public class SecondFactorController {

    public static final String CODE_PAGE = "/login/code";
    public static final String ENROL_PAGE = "/login/enrol";
    public static final String ACCOUNT_PAGE = "/account/two-factor";
    static final String ISSUER = "NP700 Portal";
    // the secret being enrolled lives in the session (in the database, so any node can confirm it) until confirmed
    private static final String ENROLLING = SecondFactorController.class.getName() + ".secret";

    private final SecondFactor secondFactor;
    private final TotpEnrolments enrolments;
    private final SignInCompletion completion;
    private final LoginAccounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SecondFactorController(SecondFactor secondFactor, TotpEnrolments enrolments, SignInCompletion completion,
            LoginAccounts accounts, ApplicationEventPublisher events, Clock clock) {
        this.secondFactor = secondFactor;
        this.enrolments = enrolments;
        this.completion = completion;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    @GetMapping(CODE_PAGE)
    String codePage(Authentication authentication) {
        PendingSecondFactor pending = PendingSecondFactor.of(authentication);
        return enrolments.enrolled(pending.user().currentUser().userId()) ? "security/two-factor-code" : "redirect:" + ENROL_PAGE;
    }

    @PostMapping(CODE_PAGE)
    String code(@RequestParam(required = false) String code, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        PendingSecondFactor pending = PendingSecondFactor.of(authentication);
        CurrentUser user = pending.user().currentUser();
        return switch (secondFactor.check(user, code)) {
            case CODE -> "redirect:" + orHome(completion.complete(request, response, pending.user(), "totp"));
            case RECOVERY_CODE -> {
                events.publishEvent(TwoFactorAudit.bySelf("RECOVERY_CODE_USED", user,
                        Map.of("left", enrolments.recoveryCodesLeft(user.userId()))));
                yield "redirect:" + orHome(completion.complete(request, response, pending.user(), "recovery-code"));
            }
            case WRONG -> refused(model, "twoFactor.wrong");
            case PAUSED -> refused(model, "twoFactor.paused");
        };
    }

    @GetMapping(ENROL_PAGE)
    String enrolPage(Authentication authentication, HttpSession session, Model model) {
        CurrentUser user = PendingSecondFactor.of(authentication).user().currentUser();
        if (enrolments.enrolled(user.userId())) {
            return "redirect:" + CODE_PAGE;
        }
        return enrolForm(user, session, model, ENROL_PAGE, null);
    }

    @PostMapping(ENROL_PAGE)
    String enrol(@RequestParam(required = false) String code, Authentication authentication, HttpSession session,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        PendingSecondFactor pending = PendingSecondFactor.of(authentication);
        CurrentUser user = pending.user().currentUser();
        if (enrolments.enrolled(user.userId())) {
            return "redirect:" + CODE_PAGE;
        }
        List<String> codes = confirm(user, code, session, model);
        if (codes == null) {
            return enrolForm(user, session, model, ENROL_PAGE, (String) model.getAttribute("error"));
        }
        model.addAttribute("next", orHome(completion.complete(request, response, pending.user(), "totp-enrolment")));
        return "security/recovery-codes";
    }

    /** Optional for enterprise admins; operators enrol when they sign in. */
    @GetMapping(ACCOUNT_PAGE)
    String accountPage(CurrentUser user, HttpSession session, Model model) {
        if (enrolments.enrolled(user.userId())) {
            model.addAttribute("codesLeft", enrolments.recoveryCodesLeft(user.userId()));
            return "security/two-factor-enrolled";
        }
        return enrolForm(user, session, model, ACCOUNT_PAGE, null);
    }

    @PostMapping(ACCOUNT_PAGE)
    String enrolAccount(@RequestParam(required = false) String code, CurrentUser user, HttpSession session, Model model) {
        if (enrolments.enrolled(user.userId())) {
            return "redirect:" + ACCOUNT_PAGE;
        }
        List<String> codes = confirm(user, code, session, model);
        if (codes == null) {
            return enrolForm(user, session, model, ACCOUNT_PAGE, (String) model.getAttribute("error"));
        }
        model.addAttribute("next", "/");
        return "security/recovery-codes";
    }

    @PostMapping("/operator/users/{id}/two-factor/reset")
    String reset(@PathVariable long id, CurrentUser actor, RedirectAttributes redirect) {
        LoginAccount target = accounts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (target.userId() == actor.userId()) {
            redirect.addFlashAttribute("error", "twoFactor.reset.self");
        } else if (enrolments.remove(target.userId())) {
            events.publishEvent(new TwoFactorAudit("TOTP_RESET", target.userId(), target.tenantId(),
                    Map.of("username", target.username()), null));
            redirect.addFlashAttribute("notice", "twoFactor.reset.done");
        } else {
            redirect.addFlashAttribute("notice", "twoFactor.reset.none");
        }
        return "redirect:/operator/users/" + id;
    }

    /** The new recovery codes, or null with the reason in the model's "error". */
    private List<String> confirm(CurrentUser user, String code, HttpSession session, Model model) {
        String secret = (String) session.getAttribute(ENROLLING);
        if (secret == null) {
            model.addAttribute("error", "twoFactor.expired");
            return null;
        }
        if (secondFactor.paused(user)) {
            model.addAttribute("error", "twoFactor.paused");
            return null;
        }
        OptionalLong step = secondFactor.matchingStep(Totp.fromBase32(secret), code);
        if (step.isEmpty()) {
            secondFactor.wrong(user);
            model.addAttribute("error", "twoFactor.wrong");
            return null;
        }
        List<String> codes = enrolments.enrol(user.userId(), Totp.fromBase32(secret), step.getAsLong(), clock.instant());
        session.removeAttribute(ENROLLING);
        events.publishEvent(TwoFactorAudit.bySelf("TOTP_ENROLLED", user, Map.of()));
        model.addAttribute("codes", codes);
        return codes;
    }

    private String enrolForm(CurrentUser user, HttpSession session, Model model, String action, String error) {
        String secret = (String) session.getAttribute(ENROLLING);
        if (secret == null) {
            secret = Totp.base32(Totp.newSecret());
            session.setAttribute(ENROLLING, secret);
        }
        String label = URLEncoder.encode(ISSUER + ":" + user.username(), StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
                + URLEncoder.encode(ISSUER, StandardCharsets.UTF_8).replace("+", "%20") + "&algorithm=SHA1&digits="
                + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        model.addAttribute("qr", QrCodeSvg.dataUri(uri));
        model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
        model.addAttribute("otpauth", uri);
        model.addAttribute("action", action);
        model.addAttribute("pending", action.equals(ENROL_PAGE));
        model.addAttribute("error", error);
        return "security/two-factor-enrol";
    }

    private static String refused(Model model, String error) {
        model.addAttribute("error", error);
        return "security/two-factor-code";
    }

    private static String orHome(String next) {
        return next == null ? "/" : next;
    }
}
