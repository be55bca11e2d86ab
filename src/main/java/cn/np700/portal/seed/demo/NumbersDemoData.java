package cn.np700.portal.numbers;

import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.DemoDataSetting;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo inventory and requests, made once through the real use cases: 600 granted blocks, 快达 holding three,
 * 美味 with one request waiting in the queue and one rejected.
 */
@Component
@Order(200)
class NumbersDemoData implements ApplicationRunner {

    private final DemoDataSetting setting;
    private final JdbcClient jdbc;
    private final LoginAccounts accounts;
    private final InventoryImport imports;
    private final RequestSubmission submission;
    private final RequestDecisions decisions;
    private final DisplayDays days;

    NumbersDemoData(DemoDataSetting setting, JdbcClient jdbc, LoginAccounts accounts, InventoryImport imports,
            RequestSubmission submission, RequestDecisions decisions, DisplayDays days) {
        this.setting = setting;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.imports = imports;
        this.submission = submission;
        this.decisions = decisions;
        this.days = days;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean loaded = jdbc.sql("SELECT COUNT(*) FROM block_import").query(Long.class).single() > 0;
        if (!setting.enabled() || loaded || accounts.find("kuaida-admin").isEmpty()) {
            return;
        }
        String granted = days.today().minusDays(60).toString();
        imports.run(List.of(new ImportLine(1, "70010000000-70010000499", "工信部码号〔2026〕0701号", granted),
                new ImportLine(2, "70010010000-70010010099", "工信部码号〔2026〕0702号", granted)), InventoryImport.Source.CSV);
        CurrentUser operator = user("operator");
        CurrentUser reviewer = user("reviewer");
        long kuaida = submission.submit(user("kuaida-admin"), new RequestForm("3", "EXPRESS_LOGISTICS", "600000",
                "快递员与收件人通话保护，覆盖华东、华南 12 个城市的末端派送业务。"));
        decisions.approve(operator, kuaida, 3, null);
        long rejected = submission.submit(user("meiwei-admin"), new RequestForm("15", "FOOD_DELIVERY", "2000000",
                "外卖骑手与顾客、商家之间的通话保护，计划覆盖全国主要城市。"));
        decisions.reject(reviewer, rejected, "申请号段数量与申报的日订单量不匹配，请按实际需求分批申请。");
        submission.submit(user("meiwei-admin"), new RequestForm("4", "FOOD_DELIVERY", "1200000",
                "外卖骑手与顾客之间的通话保护，首批覆盖北京、上海、广州、深圳。"));
    }

    private CurrentUser user(String username) {
        return accounts.find(username).map(LoginAccount::toCurrentUser).orElseThrow();
    }
}
