package flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import pages.CallRecordsCsv;
import pages.CallRecordsPage;
import pages.CallRecordsPage.Row;
import pages.CallStatisticsPage;
import pages.CallStatisticsPage.Day;
import pages.CallStatisticsPage.DrawnChart;
import pages.LoginPage;
import pages.Shell;
import support.Downloads;
import support.E2eTest;

/**
 * A tenant admin filters 快达's call records (demo history: two weeks of calls, and a few more every minute), pages
 * to older ones, opens the statistics (the charts really draw) for 7 and 30 days, and downloads the filtered records
 * as CSV: as many as the day's roll-up counts, numbers masked.
 */
class CallRecordsIT extends E2eTest {

    private static final String PASSWORD = "demo700-portal";
    private static final int PAGE_SIZE = 30;
    /** 138****1234 for a mobile (010****1234 for the demo's landlines), as the pages and the export show numbers. */
    private static final Pattern MASKED = Pattern.compile("\\d{3}\\*{4}\\d{4}");
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("(?<!\\d)\\d{11}(?!\\d)");
    private static final List<String> CSV_HEADER = List.of("编号", "呼叫标识", "开始时间", "X 号码", "主叫", "被叫", "类型",
            "方向", "结果", "通话时长", "振铃时间", "应答时间", "挂机时间", "释放原因（Q.850）", "挂机方", "绑定", "业务订单号", "录音",
            "匹配情况", "typeCode", "directionCode", "resultCode", "releaseSideCode", "matchCode");

    @Test
    void aTenantAdminFiltersCallRecordsSeesTheChartsAndDownloadsTheCsv() {
        Path downloads = Downloads.enable(driver);
        LoginPage.open(driver, app).signIn("kuaida-admin", PASSWORD);
        Shell shell = new Shell(driver);
        assertThat(shell.currentUser()).isEqualTo("kuaida-admin");

        // 1. unfiltered: a full page of the newest records, numbers masked, and older ones to page to
        shell.navigate("nav-calls");
        CallRecordsPage all = new CallRecordsPage(driver);
        List<Row> newest = all.rows();
        assertThat(newest).hasSize(PAGE_SIZE);
        assertThat(all.pagerSummary()).isEqualTo("本页 30 条");
        assertThat(all.hasOlder()).isTrue();
        assertThat(all.hasNewer()).isFalse();
        assertThat(newest).isSortedAccordingTo(Comparator.comparing(Row::start).reversed());
        assertThat(newest).allSatisfy(CallRecordsIT::numbersMasked);
        // the newest records are minutes old; two days before is a whole day of history, complete and settled
        LocalDate day = LocalDate.parse(newest.get(0).start().substring(0, 10)).minusDays(2);

        // 2. one day's records, with the filter button
        CallRecordsPage oneDay = all.between(day.toString(), day.toString());
        assertThat(oneDay.filterProblems()).isEmpty();
        assertThat(oneDay.currentUrl()).contains("from=" + day, "to=" + day);
        List<Row> dayRows = oneDay.rows();
        assertThat(dayRows).hasSize(PAGE_SIZE).allSatisfy(row -> assertThat(row.start()).startsWith(day.toString()));
        assertThat(dayRows).extracting(Row::id).doesNotContainAnyElementsOf(newest.stream().map(Row::id).toList());

        // 3. ... of which the answered ones: a select applies itself; the dates typed stay
        CallRecordsPage answered = oneDay.result("ANSWERED");
        assertThat(answered.filterProblems()).isEmpty();
        assertThat(answered.selectedResult()).isEqualTo("ANSWERED");
        assertThat(answered.typed("from")).isEqualTo(day.toString());
        assertThat(answered.currentUrl()).contains("result=ANSWERED", "from=" + day);
        assertThat(answered.exportHref()).startsWith("/calls/export?").contains("result=ANSWERED", "from=" + day,
                "to=" + day);
        String answeredUrl = answered.currentUrl();
        List<Row> firstPage = answered.rows();
        assertThat(firstPage).hasSize(PAGE_SIZE).allSatisfy(row -> {
            assertThat(row.result()).isEqualTo("ANSWERED");
            assertThat(row.start()).startsWith(day.toString());
            numbersMasked(row);
        });
        assertThat(firstPage).isSortedAccordingTo(Comparator.comparing(Row::start).reversed());
        assertThat(answered.hasOlder()).isTrue();

        // 4. older answered records of that day: the results move on, the filters stay
        CallRecordsPage older = answered.older();
        assertThat(older.currentUrl()).contains("after=", "result=ANSWERED", "from=" + day);
        assertThat(older.selectedResult()).isEqualTo("ANSWERED");
        assertThat(older.hasNewer()).isTrue();
        List<Row> secondPage = older.rows();
        String lastOfFirst = firstPage.get(firstPage.size() - 1).start();
        assertThat(secondPage).isNotEmpty().allSatisfy(row -> {
            assertThat(row.result()).isEqualTo("ANSWERED");
            assertThat(row.start()).startsWith(day.toString()).isLessThanOrEqualTo(lastOfFirst);
            numbersMasked(row);
        });
        assertThat(secondPage).extracting(Row::id)
                .doesNotContainAnyElementsOf(firstPage.stream().map(Row::id).toList());

        // 5. the statistics: 7 days by default, the charts drawn; then 30 days
        shell.navigate("nav-call-stats");
        CallStatisticsPage week = new CallStatisticsPage(driver);
        assertThat(week.selectedDays()).isEqualTo(7);
        DrawnChart callsChart = week.awaitDrawn("chart-calls");
        assertThat(callsChart.width()).isPositive();
        assertThat(callsChart.height()).isPositive();
        assertThat(callsChart.points()).isEqualTo(7);
        assertThat(week.awaitDrawn("chart-rate").points()).isEqualTo(7);
        assertThat(week.awaitDrawn("chart-duration").points()).isEqualTo(7);
        assertThat(week.awaitDrawn("chart-busiest").points()).isPositive();
        assertThat(week.daily()).hasSize(7);
        Day figures = week.day(day);
        // the filter narrowed the day: fewer answered calls than calls
        assertThat(figures.answered()).isPositive().isLessThan(figures.calls());
        assertThat(figures.answered()).isGreaterThan(PAGE_SIZE); // as the "older" link said
        long weekCalls = week.total("calls");

        CallStatisticsPage month = week.days(30);
        assertThat(driver.getCurrentUrl()).contains("days=30");
        assertThat(month.selectedDays()).isEqualTo(30);
        DrawnChart monthChart = month.awaitDrawn("chart-calls");
        assertThat(monthChart.width()).isPositive();
        assertThat(monthChart.height()).isPositive();
        assertThat(monthChart.points()).isEqualTo(30);
        assertThat(month.daily()).hasSize(30);
        assertThat(month.range()).contains(month.daily().get(0).day().toString());
        assertThat(month.day(day)).isEqualTo(figures);
        assertThat(month.total("calls")).isGreaterThanOrEqualTo(weekCalls);

        // 6. back to the filtered records (the address the filters pushed) and their CSV, downloaded
        CallRecordsPage again = CallRecordsPage.open(driver, answeredUrl);
        assertThat(again.rows()).extracting(Row::id).containsExactlyElementsOf(firstPage.stream().map(Row::id).toList());
        CallRecordsCsv csv = again.downloadCsv(downloads);
        assertThat(csv.fileName()).matches("call-records-\\d{4}-\\d{2}-\\d{2}\\.csv");
        assertThat(csv.byteOrderMark()).isTrue();
        assertThat(csv.header()).containsExactlyElementsOf(CSV_HEADER);
        // every answered record of the day, as many as the day's roll-up counts
        assertThat(csv.rows()).hasSize((int) figures.answered())
                .allSatisfy(row -> assertThat(row).hasSize(CSV_HEADER.size()));
        // values in the reader's language, the codes beside them for programs
        assertThat(csv.column("结果")).containsOnly("已接通");
        assertThat(csv.column("resultCode")).containsOnly("ANSWERED");
        assertThat(csv.column("匹配情况")).containsOnly("已匹配");
        assertThat(csv.column("开始时间")).allSatisfy(start -> assertThat(start).startsWith(day.toString()));
        assertThat(csv.column("编号").stream().map(Long::valueOf).toList())
                .containsAll(firstPage.stream().map(Row::id).toList())
                .containsAll(secondPage.stream().map(Row::id).toList());
        for (String column : List.of("主叫", "被叫")) {
            assertThat(csv.column(column)).allSatisfy(number -> {
                assertThat(number).matches(MASKED);
                assertThat(ELEVEN_DIGITS.matcher(number).find()).as("plain number %s", number).isFalse();
            });
        }
    }

    private static void numbersMasked(Row row) {
        assertThat(row.caller()).matches(MASKED);
        assertThat(row.callee()).matches(number -> number.equals("—") || MASKED.matcher(number).matches(),
                "masked or —");
    }
}
