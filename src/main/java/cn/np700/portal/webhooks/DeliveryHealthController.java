package cn.np700.portal.webhooks;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /operator/webhooks}: delivery health across enterprises (operator admins, as every other /operator page). */
@Controller
class DeliveryHealthController {

    private final DeliveryHealth health;

    DeliveryHealthController(DeliveryHealth health) {
        this.health = health;
    }

    @GetMapping("/operator/webhooks")
    String health(Model model) {
        List<DeliveryHealth.Row> rows = health.lastDay();
        model.addAttribute("rows", rows);
        model.addAttribute("totals", DeliveryHealth.totals(rows));
        return "webhooks/health";
    }
}
