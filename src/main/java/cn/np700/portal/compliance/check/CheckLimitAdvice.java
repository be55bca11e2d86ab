package cn.np700.portal.compliance.check;

import cn.np700.portal.compliance.complaints.ComplaintFormController;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Beyond the public pages' rate limit: a polite 429 page that says when to come back. */
@ControllerAdvice(assignableTypes = {NumberCheckController.class, ComplaintFormController.class})
class CheckLimitAdvice {

    @ExceptionHandler(CheckLimitExceeded.class)
    String tooMany(CheckLimitExceeded e, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        model.addAttribute("retryAfter", e.retryAfterSeconds());
        return "compliance/too-many";
    }
}
