package pages;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import support.Reloads;
import support.Waits;

/**
 * An enterprise's call statistics: the period buttons, the totals and the charts, which portal.js draws with Chart.js
 * from each {@code <figure class="chart">}'s data list into its canvas.
 */
public class CallStatisticsPage {

    /** One day of the "calls per day" chart's data. */
    public record Day(LocalDate day, long calls, long answered) {
    }

    /** What a drawn chart looks like: the canvas's size in pixels, the points Chart.js holds, how many pixels it painted. */
    public record DrawnChart(long width, long height, long points, long paintedPixels) {
    }

    private static final Pattern DAY = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}): (\\d+) / (\\d+)");

    // null until the figure is drawn: data-drawn set by portal.js, a Chart.js chart on a canvas of non-zero size
    // that holds painted (non-transparent) pixels
    private static final String DRAWN = """
            var figure = document.getElementById(arguments[0]);
            if (!figure || figure.dataset.drawn !== 'true') { return null; }
            var canvas = figure.querySelector('canvas');
            if (!canvas || canvas.width === 0 || canvas.height === 0) { return null; }
            var chart = window.Chart && window.Chart.getChart(canvas);
            if (!chart) { return null; }
            var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            var painted = 0;
            for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) { painted++; } }
            if (painted === 0) { return null; }
            return {width: canvas.width, height: canvas.height, points: chart.data.labels.length, painted: painted};
            """;

    private final WebDriver driver;

    public CallStatisticsPage(WebDriver driver) {
        this.driver = driver;
        Waits.visible(driver, By.id("period"));
        Waits.visible(driver, By.id("stats-cards"));
    }

    /** Waits until the chart in figure {@code figureId} has really been drawn, and answers what it looks like. */
    public DrawnChart awaitDrawn(String figureId) {
        Map<?, ?> drawn = Waits.on(driver).withMessage(() -> "chart " + figureId + " not drawn").until(
                d -> (Map<?, ?>) ((JavascriptExecutor) d).executeScript(DRAWN, figureId));
        return new DrawnChart(number(drawn, "width"), number(drawn, "height"), number(drawn, "points"),
                number(drawn, "painted"));
    }

    /** Switches the period with its button (a plain link: the page is reloaded). */
    public CallStatisticsPage days(int days) {
        Reloads.click(driver, By.id("days-" + days));
        return new CallStatisticsPage(driver);
    }

    /** The period whose button is highlighted, as its id says ("days-30" is 30). */
    public int selectedDays() {
        List<WebElement> selected = driver.findElements(By.cssSelector("#period a.button.primary"));
        if (selected.size() != 1) {
            throw new IllegalStateException(selected.size() + " period buttons highlighted");
        }
        return Integer.parseInt(selected.get(0).getDomAttribute("id").substring("days-".length()));
    }

    public String range() {
        return driver.findElement(By.id("stats-range")).getText().trim();
    }

    /** A total card's value as a number ("1,234" is 1234); {@code name} is the card's id without "stat-". */
    public long total(String name) {
        return Long.parseLong(driver.findElement(By.id("stat-" + name)).getText().trim().replace(",", ""));
    }

    /** The data behind the "calls per day" chart, oldest day first. */
    public List<Day> daily() {
        return driver.findElements(By.cssSelector("#chart-calls .chart-data li")).stream()
                .map(li -> li.getDomProperty("textContent").trim()).map(CallStatisticsPage::day).toList();
    }

    public Day day(LocalDate date) {
        return daily().stream().filter(d -> d.day().equals(date)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no figures for " + date + " in " + daily()));
    }

    private static Day day(String text) {
        Matcher matcher = DAY.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalStateException("unexpected chart data: " + text);
        }
        return new Day(LocalDate.parse(matcher.group(1)), Long.parseLong(matcher.group(2)),
                Long.parseLong(matcher.group(3)));
    }

    private static long number(Map<?, ?> values, String key) {
        return ((Number) values.get(key)).longValue();
    }
}
