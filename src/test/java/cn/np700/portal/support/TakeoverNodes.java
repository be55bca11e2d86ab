package cn.np700.portal.support;

import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The two extra nodes of a takeover test, beside the test's context: a doomed node started for each test (and closed
 * after it, whatever it went through) and the survivor shared by every takeover test. Register it as an instance
 * field with {@code @RegisterExtension}; any step held by {@link HeldStep} is let go after each test.
 */
public final class TakeoverNodes implements BeforeEachCallback, AfterEachCallback {

    private ApplicationContext context;
    private PortalNode doomed;

    @Override
    public void beforeEach(ExtensionContext extension) {
        context = SpringExtension.getApplicationContext(extension);
    }

    /** The node that takes over. */
    public PortalNode survivor() {
        return PortalNode.survivorBeside(context);
    }

    /** This test's node to be killed (or shut down), started on first use. */
    public PortalNode doomed() {
        if (doomed == null) {
            survivor();
            doomed = PortalNode.startBeside(context, "node-a-" + UUID.randomUUID().toString().substring(0, 6));
        }
        return doomed;
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        HeldStep.clear();
        if (doomed != null) {
            doomed.close();
            doomed = null;
        }
    }
}
