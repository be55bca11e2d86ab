package cn.np700.portal.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    private final LoginProperties properties;

    LoginController(LoginProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String minutes,
            @RequestParam(required = false) String username, Model model) {
        if (error != null) {
            model.addAttribute("error", switch (error) {
                case "locked", "suspended", "disabled" -> "login.error." + error;
                default -> "login.error.bad";
            });
        }
        long lockoutMinutes = properties.lockout().toMinutes();
        // the minutes left come from the failure handler's redirect; anything else typed into the URL is ignored
        model.addAttribute("minutes", minutes != null && minutes.matches("\\d{1,6}") ? Long.parseLong(minutes) : lockoutMinutes);
        model.addAttribute("maxFailures", properties.maxFailedLogins());
        model.addAttribute("lockoutMinutes", lockoutMinutes);
        model.addAttribute("username", username);
        return "security/login";
    }
}
