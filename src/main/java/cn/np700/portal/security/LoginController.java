package cn.np700.portal.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String username,
            Model model) {
        if (error != null) {
            model.addAttribute("error", switch (error) {
                case "locked", "suspended", "disabled", "later" -> "login.error." + error;
                default -> "login.error.bad";
            });
        }
        model.addAttribute("username", username);
        return "security/login";
    }
}
