package support;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * On a failed test, saves a screenshot and the page source of the test instance's {@link WebDriver} field
 * into {@code e2e.artifacts.dir} as {@code <TestClass>-<testMethod>.png/.html}.
 */
public class FailureArtifacts implements AfterTestExecutionCallback {

    // AfterTestExecutionCallback, not TestWatcher: testFailed runs after @AfterEach has already quit the driver.
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        try {
            WebDriver driver = findDriver(context.getRequiredTestInstance());
            if (driver == null) {
                System.err.println("[e2e] no WebDriver for " + name + ", no failure artifacts");
                return;
            }
            Path dir = PortalApp.artifactsDir();
            Path png = dir.resolve(name + ".png");
            Path html = dir.resolve(name + ".html");
            Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(html, driver.getPageSource(), StandardCharsets.UTF_8);
            System.err.println("[e2e] " + name + " failed at " + driver.getCurrentUrl() + "; saved " + png + " and " + html);
        } catch (Exception e) {
            System.err.println("[e2e] could not save failure artifacts for " + name + ": " + e);
        }
    }

    private static WebDriver findDriver(Object testInstance) throws IllegalAccessException {
        for (Class<?> type = testInstance.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (WebDriver.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    return (WebDriver) field.get(testInstance);
                }
            }
        }
        return null;
    }
}
