package cn.np700.portal.seed;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.seed.SeedSequence.Kind;
import cn.np700.portal.seed.SeedSequence.Step;
import cn.np700.portal.support.PortalIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The seed steps run in the order written, each only when its kind of data is on. */
@PortalIntegrationTest
class SeedSequenceTests {

    @Autowired
    SeedSequence sequence;

    @Test
    void theStepsRunInTheOrderWrittenAndOnlyTheKindsThatAreOn() {
        List<String> ran = new ArrayList<>();
        List<Step> steps = List.of(new Step(Kind.DEMO_DATA, "d1", () -> ran.add("d1")),
                new Step(Kind.BENCH_DATA, "b1", () -> ran.add("b1")), new Step(Kind.DEMO_DATA, "d2", () -> ran.add("d2")),
                new Step(Kind.BENCH_DATA, "b2", () -> ran.add("b2")));

        new SeedSequence(true, false, steps).run(null);
        assertThat(ran).containsExactly("d1", "d2");

        ran.clear();
        new SeedSequence(true, true, steps).run(null);
        assertThat(ran).containsExactly("d1", "b1", "d2", "b2");

        ran.clear();
        new SeedSequence(false, false, steps).run(null);
        assertThat(ran).isEmpty();
    }

    @Test
    void eachStepComesAfterTheStepsWhoseDataItBuildsOn() {
        assertThat(sequence.steps()).extracting(Step::name).containsExactly(
                "demo tenants and logins", "bench tenants", "demo carrier client", "demo operators' two-factor key",
                "bench API keys", "demo blocks and requests", "bench blocks", "bench parties verified", "demo bindings",
                "bench bindings", "demo call traffic", "bench call records");
    }
}
