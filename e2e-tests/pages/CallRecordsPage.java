package pages;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import support.Downloads;
import support.Reloads;
import support.Waits;

/**
 * An enterprise's call records: the filters (applied by htmx, which swaps the filters and results together and
 * pushes the address), the keyset pager (swaps the results only) and the CSV export link.
 */
public class CallRecordsPage {

    /** One row as shown; {@code result} is the record's result code, read from its badge. */
    public record Row(long id, String start, String x, String caller, String callee, String type, String direction,
            String result, String duration) {
    }

    private final WebDriver driver;

    public CallRecordsPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("filters"));
        Waits.visible(driver, By.id("calls"));
    }

    /** Opens the list at an address it pushed earlier, filters and all (as a bookmark would). */
    public static CallRecordsPage open(WebDriver driver, String url) {
        driver.get(url);
        Waits.htmxSettled(driver);
        return new CallRecordsPage(driver);
    }

    /** Types a start time range ("2026-03-15" or "2026-03-15 08:30") and applies it with the filter button. */
    public CallRecordsPage between(String from, String to) {
        type("filter-from", from);
        type("filter-to", to);
        return swapping(By.id("call-list"), () -> Waits.clickable(driver, By.id("apply-filters")).click());
    }

    /** Picks a result; the list applies a select's change by itself. */
    public CallRecordsPage result(String code) {
        return swapping(By.id("call-list"),
                () -> new Select(Waits.clickable(driver, By.id("filter-result"))).selectByValue(code));
    }

    public String selectedResult() {
        return new Select(driver.findElement(By.id("filter-result"))).getFirstSelectedOption().getDomProperty("value");
    }

    public String typed(String field) {
        return driver.findElement(By.id("filter-" + field)).getDomProperty("value");
    }

    /** The explanations shown next to filters that could not be applied. */
    public List<String> filterProblems() {
        return driver.findElements(By.cssSelector("#filters .field-error")).stream().map(WebElement::getText)
                .map(String::trim).toList();
    }

    public boolean hasOlder() {
        return !driver.findElements(By.id("page-older")).isEmpty();
    }

    public boolean hasNewer() {
        return !driver.findElements(By.id("page-newer")).isEmpty();
    }

    /** Follows the "older" link: the results are swapped in place, the filters stay. */
    public CallRecordsPage older() {
        return swapping(By.id("results"), () -> Waits.clickable(driver, By.id("page-older")).click());
    }

    public String pagerSummary() {
        return driver.findElement(By.cssSelector("#results .pager-summary")).getText().trim();
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    public String exportHref() {
        return driver.findElement(By.id("export-csv")).getDomAttribute("href");
    }

    public List<Row> rows() {
        return driver.findElements(By.cssSelector("#calls tbody tr.call-row")).stream().map(CallRecordsPage::row).toList();
    }

    /** Clicks "Export CSV" as a user would and answers the downloaded file, once the browser has finished it. */
    public CallRecordsCsv downloadCsv(Path downloadDir) {
        Waits.clickable(driver, By.id("export-csv")).click();
        return CallRecordsCsv.read(Downloads.await(driver, downloadDir, ".csv"));
    }

    private static Row row(WebElement tr) {
        List<WebElement> cells = tr.findElements(By.tagName("td"));
        String badge = cells.get(7).findElement(By.className("badge")).getDomAttribute("class");
        String result = Arrays.stream(badge.split("\\s+")).filter(c -> c.startsWith("result-"))
                .map(c -> c.substring("result-".length())).findFirst().orElse("");
        return new Row(Long.parseLong(text(cells.get(0))), text(cells.get(1)), text(cells.get(2)), text(cells.get(3)),
                text(cells.get(4)), text(cells.get(5)), text(cells.get(6)), result, text(cells.get(8)));
    }

    private static String text(WebElement cell) {
        return cell.getText().trim();
    }

    private void type(String id, String value) {
        WebElement input = Waits.visible(driver, By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** Does what swaps {@code region} by htmx and waits until the new one is in and htmx is idle again. */
    private CallRecordsPage swapping(By region, Runnable action) {
        WebElement before = driver.findElement(region);
        action.run();
        Waits.on(driver).until(d -> Reloads.isStale(before));
        Waits.htmxSettled(driver);
        return new CallRecordsPage(driver);
    }
}
