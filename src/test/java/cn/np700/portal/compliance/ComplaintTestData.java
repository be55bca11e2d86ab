package cn.np700.portal.compliance;

import static cn.np700.portal.security.TestLogins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.tenancy.LoginAccounts;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.test.web.servlet.MockMvc;

/** Test data of the compliance tests: client addresses of their own, so rate limits never meet, and fresh blocks. */
final class ComplaintTestData {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(RANDOM.nextInt(1 << 20));
    // a range apart from the demo data (7001000xxxx) and the numbers test mother (7009xxxxxxx)
    private static final AtomicLong CODES = new AtomicLong(700_8000_0000L + RANDOM.nextInt(9_000_000));

    private ComplaintTestData() {
    }

    static String freshIp() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    /** A block code the operator has just imported into the inventory and nobody holds. */
    static long importFreshBlock(MockMvc mvc, LoginAccounts accounts) throws Exception {
        long code = CODES.incrementAndGet();
        mvc.perform(post("/operator/inventory/import").with(csrf()).with(as(accounts, "operator"))
                        .param("fromCode", Long.toString(code)).param("toCode", "")
                        .param("grantRef", "工信部码号〔2026〕" + code + "号").param("grantDate", "2026-01-05"))
                .andExpect(status().is3xxRedirection());
        return code;
    }
}
