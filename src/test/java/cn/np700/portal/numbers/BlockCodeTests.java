package cn.np700.portal.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.np700.portal.numbers.BlockCode.Problem;
import cn.np700.portal.numbers.allocation.BlockChooser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Block codes (11 digits) and usage numbers (15 digits): parsing what people type, and grouping for reading. */
class BlockCodeTests {

    @ParameterizedTest
    @ValueSource(strings = {"70012345678", " 700 1234 5678 ", "700-1234-5678", "700\t12345678"})
    void acceptsABlockCodeTypedWithGroupingSpacesOrDashes(String typed) {
        assertThat(BlockCode.problem(typed)).isEmpty();
        assertThat(BlockCode.parse(typed)).contains(new BlockCode(700_1234_5678L));
    }

    @Test
    void digitsDropWhitespaceAndDashesOnly() {
        assertThat(BlockCode.digitsOf("\n700\r1234\f5678\u000B-9012 \t")).isEqualTo("700123456789012");
        assertThat(BlockCode.digitsOf("700_1234\u00A05678")).isEqualTo("700_1234\u00A05678");
        assertThat(BlockCode.digitsOf("700123456789012")).isEqualTo("700123456789012");
        assertThat(BlockCode.digitsOf(null)).isEmpty();
    }

    @Test
    void namesWhatIsWrongWithATypedCode() {
        assertThat(BlockCode.problem(null)).contains(Problem.EMPTY);
        assertThat(BlockCode.problem("  ")).contains(Problem.EMPTY);
        assertThat(BlockCode.problem("7001234567a")).contains(Problem.NOT_DIGITS);
        assertThat(BlockCode.problem("7001234567")).contains(Problem.LENGTH);
        assertThat(BlockCode.problem("700123456789")).contains(Problem.LENGTH);
        assertThat(BlockCode.problem("80012345678")).contains(Problem.NOT_700);
        assertThat(BlockCode.problem("07001234567")).contains(Problem.NOT_700);
        assertThat(BlockCode.parse("80012345678")).isEmpty();
    }

    @Test
    void aBlockNamesItsTenThousandNumbers() {
        BlockCode code = BlockCode.of(700_1234_5678L);

        assertThat(code.firstNumber()).isEqualTo(700_1234_5678_0000L);
        assertThat(code.lastNumber()).isEqualTo(700_1234_5678_9999L);
        assertThat(BlockCode.ofNumber(700_1234_5678_4321L)).isEqualTo(code);
        assertThat(code.display()).isEqualTo("700 1234 5678");
        assertThat(code.digits()).isEqualTo("70012345678");
    }

    @Test
    void onlyThe700RangeIsABlockCode() {
        assertThat(BlockCode.of(700_0000_0000L).display()).isEqualTo("700 0000 0000");
        assertThat(BlockCode.of(700_9999_9999L).display()).isEqualTo("700 9999 9999");
        assertThatThrownBy(() -> BlockCode.of(699_9999_9999L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockCode.of(701_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"700123456789012", "700 1234 5678 9012", "700-1234-5678-9012"})
    void acceptsAUsageNumberTypedWithGrouping(String typed) {
        UsageNumber number = UsageNumber.parse(typed).orElseThrow();

        assertThat(number.value()).isEqualTo(700_1234_5678_9012L);
        assertThat(number.display()).isEqualTo("700 1234 5678 9012");
        assertThat(number.digits()).isEqualTo("700123456789012");
        assertThat(number.block()).isEqualTo(BlockCode.of(700_1234_5678L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "70012345678901", "7001234567890123", "800123456789012", "70012345678901a", "13800138000"})
    void refusesWhatIsNotA15Digit700Number(String typed) {
        assertThat(UsageNumber.parse(typed)).isEmpty();
    }

    @Test
    void groupsNumbersForReading() {
        assertThat(UsageNumber.display(700_0000_0000_0000L)).isEqualTo("700 0000 0000 0000");
        assertThat(new NumberFormats().usage(700_1234_5678_9012L)).isEqualTo("700 1234 5678 9012");
        assertThat(new NumberFormats().block(700_1234_5678L)).isEqualTo("700 1234 5678");
        assertThatThrownBy(() -> new UsageNumber(699_9999_9999_9999L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void operatorsPickCodesOneByOneOrAsRanges() {
        List<String> problems = new ArrayList<>();

        List<Long> picks = BlockChooser.parsePicks("70012345678, 70012345680-70012345682\n70012345678;bad 70012345699-70012345690",
                problems);

        assertThat(picks).containsExactly(700_1234_5678L, 700_1234_5680L, 700_1234_5681L, 700_1234_5682L);
        assertThat(problems).containsExactly("bad", "70012345699-70012345690");
    }
}
