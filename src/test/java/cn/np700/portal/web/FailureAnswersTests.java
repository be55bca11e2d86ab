package cn.np700.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The last word on failures: a download that had begun (its attachment header set, its output stream taken) and then
 * lost the database is answered with the 503 page, not saved as a file; the API gets problem details; any other
 * failure of a page is left to the error pages.
 */
class FailureAnswersTests {

    final FailureAnswers answers = new FailureAnswers(messages());

    @Test
    void aDownloadThatLostTheDatabaseIsAnsweredWithThePageNotAFile() throws Exception {
        MockHttpServletResponse response = run("/calls/export", new CannotGetJdbcConnectionException("pool",
                new SQLTransientConnectionException("timed out")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Content-Disposition")).isNull();
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("text/html");
        assertThat(response.getContentAsString()).contains("服务暂时不可用");
    }

    @Test
    void theApiGetsProblemDetailsForAnyFailureOfItsFilters() throws Exception {
        MockHttpServletResponse unavailable = run("/api/carrier/v1/route", new CannotGetJdbcConnectionException("pool"));
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getHeader("Retry-After")).isEqualTo("1");
        assertThat(unavailable.getContentAsString()).contains("\"code\":\"ROUTING_UNAVAILABLE\"");

        MockHttpServletResponse broken = run("/api/v1/bindings", new IllegalStateException("a bug"));
        assertThat(broken.getStatus()).isEqualTo(500);
        assertThat(broken.getContentType()).startsWith("application/problem+json");
        assertThat(broken.getContentAsString()).contains("\"code\":\"INTERNAL_ERROR\"");
    }

    @Test
    void aPagesOtherFailureGoesOnToTheErrorPages() {
        assertThatThrownBy(() -> run("/calls", new IllegalStateException("a bug"))).hasMessageContaining("a bug");
    }

    private MockHttpServletResponse run(String path, RuntimeException failure) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        answers.doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse started) throws IOException {
                started.setHeader("Content-Disposition", "attachment; filename=call-records.csv");
                started.getOutputStream();
                throw failure;
            }
        }));
        return response;
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
