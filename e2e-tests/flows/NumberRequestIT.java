package flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import pages.LoginPage;
import pages.MyNumbersPage;
import pages.MyRequestPage;
import pages.NumberRequestPage;
import pages.QueuePage;
import pages.ReviewPage;
import pages.Shell;
import support.E2eTest;

/** An enterprise admin requests 2 blocks, an operator approves them, the admin then holds 20,000 numbers. */
class NumberRequestIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";
    private static final String JUSTIFICATION =
            "午高峰订单量持续增长，骑手与顾客之间的通话需要 700 号码保护隐私，申请 2 个号段。";

    @Test
    void enterpriseAdminRequestsTwoBlocksWhichAnOperatorApproves() {
        // 1. the enterprise admin (its tenant holds no block yet) requests 2 blocks
        LoginPage.open(driver, app).signIn("meiwei-admin", PASSWORD);
        Shell shell = new Shell(driver);
        assertThat(shell.currentUser()).isEqualTo("meiwei-admin");
        shell.navigate("nav-my-requests");

        // first a justification that is too short: refused next to the field, nothing typed is lost
        NumberRequestPage form = new NumberRequestPage(driver)
                .fill("2", "FOOD_DELIVERY", "50000", "太短了")
                .submitExpectingRefusal();
        assertThat(form.fieldError("justification")).contains("20–2,000");
        assertThat(form.value("blocks")).isEqualTo("2");
        assertThat(form.selectedScenario()).isEqualTo("FOOD_DELIVERY");
        assertThat(form.value("expectedDailyBindings")).isEqualTo("50000");
        assertThat(form.value("justification")).isEqualTo("太短了");

        MyRequestPage submitted = form.fill("2", "FOOD_DELIVERY", "50000", JUSTIFICATION).submit();
        long requestId = submitted.requestId();
        assertThat(submitted.status()).isEqualTo("待审批");
        assertThat(submitted.timelineSteps()).isEqualTo(1);
        assertThat(submitted.timelineText()).contains("提交申请", "meiwei-admin");
        shell.signOut();

        // 2. an operator finds it in the queue and approves it, blocks chosen automatically
        LoginPage.open(driver, app).signIn("operator", PASSWORD);
        assertThat(shell.currentUser()).isEqualTo("operator");
        shell.navigate("nav-requests");
        QueuePage queue = new QueuePage(driver);
        assertThat(queue.openRequestLinks()).contains("#" + requestId);

        ReviewPage review = queue.open(requestId);
        assertThat(review.status()).isEqualTo("待审批");
        assertThat(review.blocksRequested()).isEqualTo("2");
        assertThat(review.blocksToApprove()).isEqualTo("2");
        assertThat(review.selectedChoice()).isEqualTo("AUTO");

        ReviewPage approved = review.approve("已批准");
        assertThat(approved.status()).isEqualTo("已批准");
        assertThat(approved.notice()).contains("已批准");
        assertThat(approved.canDecide()).isFalse();
        assertThat(approved.timelineText()).contains("批准", "operator");
        shell.signOut();

        // 3. the enterprise admin now holds 2 blocks, i.e. 20,000 numbers
        LoginPage.open(driver, app).signIn("meiwei-admin", PASSWORD);
        shell.navigate("nav-my-numbers");
        MyNumbersPage numbers = new MyNumbersPage(driver);
        assertThat(numbers.numberCount()).isEqualTo("20,000");
        assertThat(numbers.blockCount()).startsWith("2 /");
        List<String> firstPage = numbers.numbers();
        assertThat(firstPage).hasSize(20);
        assertThat(firstPage).allSatisfy(number -> {
            assertThat(number).startsWith("700 ");
            assertThat(number.replace(" ", "")).hasSize(15).containsOnlyDigits();
        });
    }
}
