package cn.np700.portal.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.np700.portal.security.twofactor.SecondFactorController;
import cn.np700.portal.security.twofactor.Totp;
import jakarta.servlet.http.Cookie;
import java.time.Clock;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The second sign-in step in tests: the demo operators' published key, and a code for a key at a given step. */
public final class TestTotp {

    /** The key README.md publishes, with which the demo data enrols the demo operators. */
    public static final String DEMO_SECRET = "DEMOTOTPSECRETPUBLISHEDINREADME2";

    private TestTotp() {
    }

    public static String code(String base32Secret, Clock clock, int stepsAhead) {
        return Totp.code(Totp.fromBase32(base32Secret), Totp.step(clock.instant()) + stepsAhead);
    }

    /**
     * Sends the code of the current step, or of the next if the current one was used already (a step is accepted
     * once; the next is still within the allowed drift). Returns the answer that signed the session in.
     */
    public static MvcResult completeSignIn(MockMvc mvc, Cookie session, String base32Secret, Clock clock) throws Exception {
        MvcResult result = null;
        for (int ahead = 0; ahead <= 1; ahead++) {
            result = mvc.perform(post(SecondFactorController.CODE_PAGE).cookie(session).with(csrf())
                    .param("code", code(base32Secret, clock, ahead))).andReturn();
            if (result.getResponse().getRedirectedUrl() != null) {
                return result;
            }
        }
        return result;
    }
}
