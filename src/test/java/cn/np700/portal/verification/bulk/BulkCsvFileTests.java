package cn.np700.portal.verification.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.verification.RealNameVerification;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkCsvFileTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    private static BulkCsvFile.Read read(String content) {
        return BulkCsvFile.read(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tenThousandDataLinesAreAcceptedAndOneMoreIsNot() {
        assertThat(read("手机号码,姓名\n" + "13800138000\n".repeat(10_000)).lines()).hasSize(10_000);
        assertThat(read("13800138000\n".repeat(10_001)).problemKey()).isEqualTo("bulk.csv.tooManyRows");
    }

    @Test
    void aHeaderAndBlankLinesAreSkippedAndLineNumbersAreTheFiles() {
        BulkCsvFile.Read read = read("\uFEFFmobile,name,id_number\r\n\r\n13800138000\r\n , ,\r\n"
                + "\"13900139000\",张三,11010519491231002X\r\n");
        assertThat(read.lines()).extracting(BulkCsvFile.Line::lineNo).containsExactly(3, 5);
        assertThat(read.lines().get(1).field(1)).isEqualTo("张三");
        assertThat(read("13800138000\n").lines()).hasSize(1);
        assertThat(read("\n\n").problemKey()).isEqualTo("bulk.csv.empty");
        assertThat(read("13800138000,\"unclosed\n").problemKey()).isEqualTo("bulk.csv.unreadable");
    }

    @Test
    void aFileExcelSavedInGb18030IsReadAsChinese() {
        byte[] gbk = "13800138000,张三,11010519491231002X\n".getBytes(Charset.forName("GB18030"));
        assertThat(BulkCsvFile.read(gbk).lines().get(0).field(1)).isEqualTo("张三");
    }

    @Test
    void invalidLinesKeepOnlyAMaskedNumberAndTheirFirstProblem() {
        BulkItem typo = BulkItem.of(new BulkCsvFile.Line(2, List.of("138001380001")), TODAY);
        assertThat(typo.subject()).isNull();
        assertThat(typo.problemKey()).isEqualTo("mobile.invalid");
        assertThat(typo.mobileMasked()).isEqualTo("138****0001");
        assertThat(BulkItem.of(new BulkCsvFile.Line(3, List.of("12345")), TODAY).mobileMasked()).isNull();
        BulkItem ok = BulkItem.of(new BulkCsvFile.Line(4, List.of(" +86 138-0013-8000 ", "", "")), TODAY);
        assertThat(ok.subject()).isEqualTo(new RealNameVerification.Subject("13800138000", null, null));
        assertThat(ok.mobileMasked()).isEqualTo("138****8000");
    }
}
