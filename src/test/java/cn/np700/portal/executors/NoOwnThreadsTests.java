package cn.np700.portal.executors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Timer;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ExecutorConfigurationSupport;

/**
 * No component builds a pool or a thread of its own: every pool is a bean of {@link ExecutorPools} (named, sized,
 * measured, shut down with the context). Test code may.
 */
class NoOwnThreadsTests {

    static final ArchRule POOLS_AND_THREADS_ARE_MADE_IN_THE_EXECUTORS_MODULE = noClasses()
            .that(DescribedPredicate.describe("are outside cn.np700.portal.executors",
                    (JavaClass c) -> !c.getPackageName().startsWith(ExecutorPools.class.getPackageName())))
            .should().accessTargetWhere(DescribedPredicate.describe(
                    "start a thread or a pool (java.util.concurrent.Executors' factories, new ThreadPoolExecutor, "
                            + "ScheduledThreadPoolExecutor, ForkJoinPool, Thread, Timer, or Spring's task executors)",
                    NoOwnThreadsTests::makesAThreadOrAPool))
            .because("every pool is a bean of cn.np700.portal.executors.ExecutorPools, named, sized and measured");

    @Test
    void noComponentBuildsAPoolOrAThreadOfItsOwn() {
        POOLS_AND_THREADS_ARE_MADE_IN_THE_EXECUTORS_MODULE.check(mainClasses());
    }

    static JavaClasses mainClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.np700.portal");
    }

    private static boolean makesAThreadOrAPool(JavaAccess<?> access) {
        JavaClass owner = access.getTargetOwner();
        String name = access.getName();
        if (name.equals("<init>")) {
            return owner.isAssignableTo(Thread.class) || owner.isAssignableTo(ThreadPoolExecutor.class)
                    || owner.isAssignableTo(ForkJoinPool.class) || owner.isAssignableTo(Timer.class)
                    || owner.isAssignableTo(ExecutorConfigurationSupport.class)
                    || owner.isAssignableTo(SimpleAsyncTaskExecutor.class);
        }
        if (owner.isEquivalentTo(Executors.class)) {
            return name.startsWith("new") || name.endsWith("ThreadFactory");
        }
        return owner.isEquivalentTo(Thread.class)
                && (name.equals("ofPlatform") || name.equals("ofVirtual") || name.equals("startVirtualThread"));
    }
}
