package cn.np700.portal.seed.demo;

import cn.np700.portal.numbers.NumberOperations;
import cn.np700.portal.numbers.NumberOperations.Grant;
import cn.np700.portal.tenancy.CurrentUser;
import cn.np700.portal.tenancy.LoginAccount;
import cn.np700.portal.tenancy.LoginAccounts;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Demo inventory and requests, made once through the real use cases: 600 granted blocks, 快达 holding three,
 * 美味 with one request waiting in the queue and one rejected.
 */
@Component
public class NumbersDemoData {

    private final LoginAccounts accounts;
    private final NumberOperations numbers;

    NumbersDemoData(LoginAccounts accounts, NumberOperations numbers) {
        this.accounts = accounts;
        this.numbers = numbers;
    }

    public void run() {
        if (numbers.anythingImported() || accounts.find("kuaida-admin").isEmpty()) {
            return;
        }
        LocalDate granted = numbers.today().minusDays(60);
        numbers.importGrants(List.of(new Grant("70010000000-70010000499", "工信部码号〔2026〕0701号", granted),
                new Grant("70010010000-70010010099", "工信部码号〔2026〕0702号", granted)));
        CurrentUser operator = user("operator");
        CurrentUser reviewer = user("reviewer");
        long kuaida = numbers.request(user("kuaida-admin"), 3, "EXPRESS_LOGISTICS", 600_000,
                "快递员与收件人通话保护，覆盖华东、华南 12 个城市的末端派送业务。");
        numbers.approve(operator, kuaida, 3, null);
        long rejected = numbers.request(user("meiwei-admin"), 15, "FOOD_DELIVERY", 2_000_000,
                "外卖骑手与顾客、商家之间的通话保护，计划覆盖全国主要城市。");
        numbers.reject(reviewer, rejected, "申请号段数量与申报的日订单量不匹配，请按实际需求分批申请。");
        numbers.request(user("meiwei-admin"), 4, "FOOD_DELIVERY", 1_200_000,
                "外卖骑手与顾客之间的通话保护，首批覆盖北京、上海、广州、深圳。");
    }

    private CurrentUser user(String username) {
        return accounts.find(username).map(LoginAccount::toCurrentUser).orElseThrow();
    }
}
