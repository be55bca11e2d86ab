package support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;

/** Base class for the Selenium flows: one shared portal per JVM, a fresh browser per test. */
@ExtendWith(FailureArtifacts.class)
public abstract class E2eTest {

    protected PortalApp app;
    protected WebDriver driver;

    @BeforeEach
    protected void startBrowser() {
        app = PortalApp.get();
        driver = Browser.start();
    }

    // FailureArtifacts (AfterTestExecutionCallback) has taken its screenshot before this runs.
    @AfterEach
    protected void quitBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
