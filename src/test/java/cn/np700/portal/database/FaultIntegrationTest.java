package cn.np700.portal.database;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole portal on a real HTTP port and an embedded MariaDB of its own (even when the other tests use an external
 * database), shared by the fault tests only: they stop that server and hold its locks, which the other tests' shared
 * database must never see. Each test leaves the server running again.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=", "portal.db.embedded.temporary=true"})
@ActiveProfiles("test")
@interface FaultIntegrationTest {
}
