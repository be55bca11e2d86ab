package cn.np700.portal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.seed.demo.DemoDataSetting;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The seed module sits on top: it uses the other modules' APIs and no class outside it uses any of it, so that
 * leaving out demo and benchmark data changes nothing else. Test code may.
 */
class NothingDependsOnSeedTests {

    private static final String SEED = "cn.np700.portal.seed";

    static final ArchRule NO_CLASS_OUTSIDE_SEED_DEPENDS_ON_IT = noClasses()
            .that(DescribedPredicate.describe("are outside " + SEED, (JavaClass c) -> !inSeed(c)))
            .should().dependOnClassesThat(DescribedPredicate.describe("are in " + SEED,
                    NothingDependsOnSeedTests::inSeed))
            .because("seed data loads through the other modules' APIs and nothing may need it");

    @Test
    void noClassOutsideTheSeedModuleDependsOnIt() {
        NO_CLASS_OUTSIDE_SEED_DEPENDS_ON_IT.check(mainClasses());
    }

    @Test
    void theRuleSeesAPlantedDependencyOnSeed() {
        JavaClasses planted = new ClassFileImporter().importClasses(Planted.class, DemoDataSetting.class);
        EvaluationResult result = NO_CLASS_OUTSIDE_SEED_DEPENDS_ON_IT.evaluate(planted);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(Planted.class.getName()) && line.contains(DemoDataSetting.class.getName()));
    }

    static JavaClasses mainClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.np700.portal");
    }

    private static boolean inSeed(JavaClass type) {
        return type.getPackageName().equals(SEED) || type.getPackageName().startsWith(SEED + ".");
    }

    /** Stands for a production class outside the seed module (it is in this test's package). */
    static class Planted {
        boolean demo(DemoDataSetting setting) {
            return setting.enabled();
        }
    }
}
