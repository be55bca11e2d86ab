package cn.np700.portal.bindings.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bulk binding file is checked whole before anything runs: header, encoding, size, shape, line limit. */
class BindingFileTests {

    private static final String HEADER = "mode,a,b,n,x,expiresInSeconds,expiresAt,direction,record,orderRef\n";

    private static BindingFile.Refusal refusal(FileOperation operation, String text) {
        BindingFile.Checked checked = BindingFile.check(operation, text.getBytes(StandardCharsets.UTF_8));
        assertThat(checked.refused()).as("refused: " + text).isTrue();
        return checked.refusal();
    }

    @Test
    void aGoodFileIsAcceptedWithItsLinesCountedAndBlankLinesSkipped() {
        String text = "\uFEFF Mode ,A,expiresInSeconds,ORDERREF\r\nAXN,13800138000,3600,\"ORD,1\"\r\n\r\n ,,, \r\nAXN,13800138001,3600,订单-2\r\n";
        BindingFile.Checked checked = BindingFile.check(FileOperation.CREATE, text.getBytes(StandardCharsets.UTF_8));
        assertThat(checked.refused()).isFalse();
        assertThat(checked.accepted().lines()).isEqualTo(2);
        assertThat(checked.accepted().header()).containsExactly("mode", "a", "expiresInSeconds", "orderRef");

        List<BindingFile.Line> lines = new ArrayList<>();
        new BindingFile.Lines(FileOperation.CREATE, checked.accepted().text()).forEachRemaining(lines::add);
        assertThat(lines).extracting(BindingFile.Line::lineNo).containsExactly(2, 5);
        assertThat(lines.get(0).value("orderRef")).isEqualTo("ORD,1");
        assertThat(lines.get(1).value("orderRef")).isEqualTo("订单-2");
        assertThat(lines.get(0).value("b")).as("a column the header lacks reads as left out").isNull();
    }

    @Test
    void excelsChineseEncodingIsRead() {
        byte[] gb = (HEADER + "AXB,13800138000,13900001111,,,3600,,,,订单一\n").getBytes(Charset.forName("GB18030"));
        BindingFile.Checked checked = BindingFile.check(FileOperation.CREATE, gb);
        assertThat(checked.refused()).isFalse();
        assertThat(checked.accepted().text()).contains("订单一");
    }

    @Test
    void wrongHeadersAreRefusedNamingTheColumn() {
        assertThat(refusal(FileOperation.CREATE, "mode,a,b,expiresInSeconds,tenantId\nAXB,1,2,3,4\n"))
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo("FILE_HEADER");
                    assertThat(r.messageKey()).isEqualTo("bindingFile.header.unknown");
                    assertThat(r.args()[0]).isEqualTo("tenantId");
                });
        assertThat(refusal(FileOperation.CREATE, "mode,a,b\nAXB,1,2\n").messageKey()).isEqualTo("bindingFile.header.missing");
        assertThat(refusal(FileOperation.CREATE, "mode,a,A,expiresAt\nAXB,1,2,3\n").messageKey())
                .isEqualTo("bindingFile.header.twice");
        assertThat(refusal(FileOperation.CREATE, "13800138000,13900001111,3600\n").code())
                .as("a file without its header row").isEqualTo("FILE_HEADER");
        assertThat(refusal(FileOperation.END, "id\n12\n").code()).isEqualTo("FILE_HEADER");
    }

    @Test
    void emptyFilesAndHeaderOnlyFilesAreRefused() {
        assertThat(refusal(FileOperation.END, "").code()).isEqualTo("FILE_EMPTY");
        assertThat(refusal(FileOperation.END, "\n \n").code()).isEqualTo("FILE_EMPTY");
        assertThat(refusal(FileOperation.END, "bindingId\n\n").messageKey()).isEqualTo("bindingFile.noLines");
    }

    @Test
    void malformedLinesRefuseTheWholeFileNamingTheLine() {
        BindingFile.Refusal fields = refusal(FileOperation.END, "bindingId,orderRef\n1,\n2\n3,\n");
        assertThat(fields.code()).isEqualTo("FILE_MALFORMED");
        assertThat(fields.args()).containsExactly(3L, 1, 2);
        BindingFile.Refusal quote = refusal(FileOperation.END, "bindingId,orderRef\n1,\n,\"ORD-1\n");
        assertThat(quote.code()).isEqualTo("FILE_MALFORMED");
        assertThat(quote.messageKey()).isEqualTo("bindingFile.unreadable");
    }

    @Test
    void aFileThatIsNotTextIsRefusedForItsEncoding() {
        assertThat(BindingFile.check(FileOperation.END, "bindingId\n1\n".getBytes(StandardCharsets.UTF_16)).refusal().code())
                .isEqualTo("FILE_ENCODING");
        assertThat(BindingFile.check(FileOperation.END, new byte[] {'b', 'i', 'n', 0, 1, 2, (byte) 0xFF, '\n'})
                .refusal().code()).isEqualTo("FILE_ENCODING");
    }

    @Test
    void aHundredThousandLinesRunAndOneMoreIsRefusedWithoutReadingOn() throws Exception {
        StringBuilder file = new StringBuilder("bindingId\n");
        for (int i = 0; i < BindingFile.MAX_LINES; i++) {
            file.append(i + 1).append('\n');
        }
        BindingFile.Checked full = BindingFile.check(FileOperation.END, new ByteArrayInputStream(
                file.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(full.refused()).isFalse();
        assertThat(full.accepted().lines()).isEqualTo(100_000);

        // line 100,001 is where reading stops: the unreadable line after it is never reached
        file.append("100001\n").append("\"never read\n");
        BindingFile.Checked over = BindingFile.check(FileOperation.END, new ByteArrayInputStream(
                file.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(over.refusal().code()).isEqualTo("FILE_TOO_MANY_LINES");
        assertThat(over.refusal().args()).containsExactly(100_000);
    }

    @Test
    void aFileAboveTheByteLimitIsRefusedBeforeItIsDecoded() throws Exception {
        byte[] big = new byte[BindingFile.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '1');
        assertThat(BindingFile.check(FileOperation.END, new ByteArrayInputStream(big)).refusal().code())
                .isEqualTo("FILE_TOO_LARGE");
    }
}
