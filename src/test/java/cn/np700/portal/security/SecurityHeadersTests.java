package cn.np700.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.np700.portal.support.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@PortalIntegrationTest
class SecurityHeadersTests {

    @Autowired
    MockMvc mvc;

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndFramingBan() throws Exception {
        var response = mvc.perform(get("/login")).andReturn().getResponse();
        String csp = response.getHeader("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void pagesHaveNoInlineScripts() throws Exception {
        String html = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    }

    @Test
    void anExpiredSessionMakesHtmxReloadThePageInsteadOfSwappingInTheLoginForm() throws Exception {
        var response = mvc.perform(get("/operator/tenants").header("HX-Request", "true")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeader("HX-Refresh")).isEqualTo("true");
    }

    @Test
    void postsWithoutACsrfTokenAreRefused() throws Exception {
        var response = mvc.perform(post("/login").param("username", "operator").param("password", "demo700-portal"))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
    }

    @Test
    void healthIsPublic() throws Exception {
        var response = mvc.perform(get("/actuator/health")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("UP");
    }
}
