package cn.np700.portal.scope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * Only an operator's session and the platform's jobs hold the platform scope: the operator's is granted by the
 * signed-in user's record alone, and no controller grants itself a job's.
 */
class ScopeGrantTests {

    static final ArchRule ONLY_THE_SIGNED_IN_USER_GRANTS_THE_OPERATOR_SCOPE = noClasses()
            .that().doNotHaveFullyQualifiedName("cn.np700.portal.tenancy.CurrentUser")
            .and().doNotHaveFullyQualifiedName(Scope.class.getName())
            .should().callMethod(Scope.class, "operator", String.class)
            .because("an operator's platform scope comes from the role on the session, nowhere else");

    static final ArchRule NO_CONTROLLER_TAKES_A_JOBS_SCOPE = noClasses()
            .that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
            .should().callMethod(Scope.class, "job", String.class)
            .because("a request's scope is resolved from its principal, never granted by the controller");

    @Test
    void theOperatorScopeComesOnlyFromTheSignedInUser() {
        ONLY_THE_SIGNED_IN_USER_GRANTS_THE_OPERATOR_SCOPE.check(mainClasses());
        NO_CONTROLLER_TAKES_A_JOBS_SCOPE.check(mainClasses());
    }

    @Test
    void theRulesCatchAPlantedGrant() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedController.class);
        EvaluationResult operator = ONLY_THE_SIGNED_IN_USER_GRANTS_THE_OPERATOR_SCOPE.evaluate(planted);
        EvaluationResult job = NO_CONTROLLER_TAKES_A_JOBS_SCOPE.evaluate(planted);
        assertThat(operator.hasViolation()).isTrue();
        assertThat(job.hasViolation()).isTrue();
    }

    private static JavaClasses mainClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.np700.portal");
    }

    @Controller
    static class PlantedController {
        Scope everyone() {
            return Scope.operator("mallory");
        }

        Scope jobs() {
            return Scope.job("mallory");
        }
    }
}
