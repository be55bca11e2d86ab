package cn.np700.portal.blacklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.np700.portal.bindings.TestBindings;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.security.TestCarrierClients;
import cn.np700.portal.security.TestLogins;
import cn.np700.portal.support.MutableClock;
import cn.np700.portal.support.PortalIntegrationTest;
import cn.np700.portal.support.TestMobiles;
import cn.np700.portal.tenancy.LoginAccounts;
import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Blacklists: a listed number is neither bound nor connected, within the list's scope and while it is in force. */
@PortalIntegrationTest
class BlacklistTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestBindings bindings;
    @Autowired
    TestCarrierClients carriers;
    @Autowired
    LoginAccounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Blacklist blacklist;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private ResultActions list(String user, String base, String number, String reason, String until) throws Exception {
        return mvc.perform(post(base).with(csrf()).with(TestLogins.as(accounts, user))
                .param("number", number).param("reason", reason).param("until", until));
    }

    private ResultActions bind(TestBindings.Ready tenant, String a, String b) throws Exception {
        return TestBindings.postAxb(mvc, tenant, a, b);
    }

    private ResultActions route(String carrier, String caller, long x) throws Exception {
        return mvc.perform(post("/api/carrier/v1/route").header("Authorization", "Bearer " + carrier)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"callId\":\"bl-" + System.nanoTime() + "\",\"caller\":\"" + caller + "\",\"x\":\"" + x
                        + "\",\"type\":\"VOICE\"}"));
    }

    @Test
    void aPlatformListedNumberIsNeitherBoundNorConnectedUntilRemoved() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        String a = bindings.verified(tenant.tenantId());
        String b = bindings.verified(tenant.tenantId());
        String spammer = bindings.verified(tenant.tenantId());
        String body = bind(tenant, a, b).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        long x = Long.parseLong(JsonPath.read(body, "$.x"));
        String carrier = carriers.create("");

        list("operator", "/operator/blacklist", "+86 " + spammer, "营销骚扰投诉属实", "").andExpect(status().is3xxRedirection());
        list("operator", "/operator/blacklist", a, "冒用他人号码", "").andExpect(status().is3xxRedirection());

        bind(tenant, bindings.verified(tenant.tenantId()), spammer)
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("BLACKLISTED"))
                .andExpect(jsonPath("$.errors[0].field").value("b"));
        mvc.perform(patch("/api/v1/bindings/" + id).header("Authorization", "Bearer " + tenant.key())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"b\":\"" + spammer + "\"}"))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("BLACKLISTED"));
        route(carrier, a, x).andExpect(jsonPath("$.action").value("REJECT")).andExpect(jsonPath("$.reason").value("BLACKLISTED"));
        route(carrier, b, x).andExpect(jsonPath("$.action").value("CONNECT"));
        assertThat(bindings.bindingsOf(tenant.tenantId())).isEqualTo(1);

        String page = mvc.perform(get("/operator/blacklist").with(TestLogins.as(accounts, "operator")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(TestMobiles.masked(a)).doesNotContain(a);
        long entry = jdbc.sql("SELECT id FROM blacklist_entry WHERE number_masked = ? AND tenant_id IS NULL AND removed_at IS NULL")
                .param(TestMobiles.masked(a)).query(Long.class).list().get(0);
        mvc.perform(post("/operator/blacklist/" + entry + "/remove").with(csrf()).with(TestLogins.as(accounts, "operator")))
                .andExpect(status().is3xxRedirection());
        route(carrier, a, x).andExpect(jsonPath("$.action").value("CONNECT"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action IN ('BLACKLIST_ADDED', 'BLACKLIST_REMOVED') "
                + "AND target_id = ?").param(Long.toString(entry)).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anEnterprisesListBindsOnlyItselfAndEndsAfterItsLastDay() throws Exception {
        TestBindings.Ready mine = bindings.tenant();
        TestBindings.Ready other = bindings.tenant();
        String number = bindings.verified(mine.tenantId());
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

        list(mine.admin(), "/enterprise/blacklist", number, "多次投诉", today).andExpect(status().is3xxRedirection());

        bind(mine, bindings.verified(mine.tenantId()), number)
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("BLACKLISTED"));
        // consent is each enterprise's own: the other one records it for the number too
        bind(other, bindings.verified(other.tenantId()), bindings.consented(other.tenantId(), number))
                .andExpect(status().isCreated());
        mvc.perform(get("/enterprise/blacklist").with(TestLogins.as(accounts, other.admin())))
                .andExpect(content().string(not(containsString(TestMobiles.masked(number)))));
        long entry = jdbc.sql("SELECT id FROM blacklist_entry WHERE tenant_id = ?").param(mine.tenantId()).query(Long.class).single();
        mvc.perform(post("/enterprise/blacklist/" + entry + "/remove").with(csrf()).with(TestLogins.as(accounts, other.admin())))
                .andExpect(status().isNotFound());

        clock.advance(Duration.ofDays(2));
        bind(mine, bindings.verified(mine.tenantId()), number).andExpect(status().isCreated());
    }

    /**
     * The rule is the database's unique key on the live entry, not a locked read (a Galera cluster carries no read
     * lock to its other nodes): two adds at once list the number once, and a row written past the check is refused.
     */
    @Test
    void twoAddsOfOneNumberAtOnceListItOnceAndTheDatabaseRefusesASecondLiveEntry() throws Exception {
        BlacklistOwner list = BlacklistOwner.of(TenantId.of(bindings.tenant().tenantId()));
        ExecutorService adders = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String number = TestMobiles.withPrefix("137");
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<Boolean> add = () -> {
                    together.await();
                    return blacklist.add(list, number, TestMobiles.masked(number), "骚扰", null, "race-test");
                };
                int listed = 0;
                for (Future<Boolean> outcome : adders.invokeAll(List.of(add, add))) {
                    listed += outcome.get() ? 1 : 0;
                }
                assertThat(listed).as("adds that listed " + number).isEqualTo(1);
                assertThat(blacklist.listedFor(list.tenant().orElseThrow(), List.of(number))).containsExactly(number);
            }
        } finally {
            adders.shutdown();
        }
        long entry = jdbc.sql("SELECT MAX(id) FROM blacklist_entry WHERE created_by = 'race-test'").query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO blacklist_entry (tenant_id, number_hash, number_masked, reason, created_at, created_by)
                SELECT tenant_id, number_hash, number_masked, reason, created_at, 'past-the-check' FROM blacklist_entry
                WHERE id = ?""").param(entry).update()).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void anExpiredEntryMakesWayForANewOneAndStillShowsAsExpired() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        BlacklistOwner list = BlacklistOwner.of(TenantId.of(tenant.tenantId()));
        String number = TestMobiles.withPrefix("137");
        String masked = TestMobiles.masked(number);
        assertThat(blacklist.add(list, number, masked, "一天", clock.instant().plus(Duration.ofDays(1)), "test")).isTrue();
        assertThat(blacklist.add(list, number, masked, "又一次", null, "test")).isFalse();

        clock.advance(Duration.ofDays(2));
        assertThat(blacklist.add(list, number, masked, "又一次", null, "test")).isTrue();

        assertThat(blacklist.listedFor(TenantId.of(tenant.tenantId()), List.of(number))).containsExactly(number);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM blacklist_entry WHERE tenant_id = ? AND removed_at IS NULL")
                .param(tenant.tenantId()).query(Long.class).single()).isEqualTo(2);
        mvc.perform(get("/enterprise/blacklist").with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(content().string(containsString("已过期")));
    }

    @Test
    void badEntriesAreExplainedNextToTheirFieldAndKeptAsTyped() throws Exception {
        TestBindings.Ready tenant = bindings.tenant();
        list(tenant.admin(), "/enterprise/blacklist", "12345", "", "2020-01-01")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"12345\"")))
                .andExpect(content().string(containsString("请输入有效的中国大陆手机号码")))
                .andExpect(content().string(containsString("请填写原因")))
                .andExpect(content().string(containsString("有效期不能早于今天")));
        String number = TestMobiles.withPrefix("139");
        list(tenant.admin(), "/enterprise/blacklist", number, "<script>alert(1)</script>", "").andExpect(status().is3xxRedirection());
        list(tenant.admin(), "/enterprise/blacklist", number, "again", "")
                .andExpect(status().isOk()).andExpect(content().string(containsString("该号码已在此黑名单中")));
        mvc.perform(get("/enterprise/blacklist").with(TestLogins.as(accounts, tenant.admin())))
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM blacklist_entry WHERE tenant_id = ?").param(tenant.tenantId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void onlyOperatorAdminsKeepThePlatformListAndOnlyEnterpriseAdminsTheirs() throws Exception {
        mvc.perform(get("/operator/blacklist").with(TestLogins.as(accounts, "reviewer"))).andExpect(status().isForbidden());
        mvc.perform(get("/enterprise/blacklist").with(TestLogins.as(accounts, "kuaida-agent"))).andExpect(status().isForbidden());
        mvc.perform(get("/enterprise/blacklist").with(TestLogins.as(accounts, "operator"))).andExpect(status().isForbidden());
        mvc.perform(get("/enterprise/blacklist").with(TestLogins.as(accounts, "kuaida-admin"))).andExpect(status().isOk());
    }
}
