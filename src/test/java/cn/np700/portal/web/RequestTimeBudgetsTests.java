package cn.np700.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.database.TimeBudget;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which budget each request gets for the database, a tenth kept back for the answer itself. */
class RequestTimeBudgetsTests {

    final RequestTimeBudgets budgets = new RequestTimeBudgets(new TimeBudgetProperties(Duration.ofMillis(1500),
            Duration.ofSeconds(5), Duration.ofSeconds(30), List.of("/operator/compliance/report", "/verifications/bulk/{id}/result.csv")));

    @Test
    void routingGetsItsShortBudgetReportsTheirLongOneEverythingElseFiveSeconds() throws Exception {
        assertThat(budgetOf("POST", "/api/carrier/v1/route")).isBetween(Duration.ofMillis(1300), Duration.ofMillis(1350));
        assertThat(budgetOf("POST", "/api/v1/bindings")).isBetween(Duration.ofMillis(4400), Duration.ofMillis(4500));
        assertThat(budgetOf("GET", "/calls")).isBetween(Duration.ofMillis(4400), Duration.ofMillis(4500));
        assertThat(budgetOf("GET", "/operator/compliance/report")).isBetween(Duration.ofSeconds(26), Duration.ofSeconds(27));
        assertThat(budgetOf("GET", "/verifications/bulk/17/result.csv")).isBetween(Duration.ofSeconds(26), Duration.ofSeconds(27));
        assertThat(budgetOf("GET", "/actuator/health/readiness")).isNull();
        assertThat(TimeBudget.remaining()).as("nothing left behind on the thread").isNull();
    }

    private Duration budgetOf(String method, String path) throws Exception {
        AtomicReference<Duration> seen = new AtomicReference<>();
        budgets.doFilter(new MockHttpServletRequest(method, path), new MockHttpServletResponse(),
                new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest request,
                            jakarta.servlet.http.HttpServletResponse response) {
                        seen.set(TimeBudget.remaining());
                    }
                }));
        return seen.get();
    }
}
