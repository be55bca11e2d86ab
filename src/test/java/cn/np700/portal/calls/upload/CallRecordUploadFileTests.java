package cn.np700.portal.calls.upload;

import static org.assertj.core.api.Assertions.assertThat;

import cn.np700.portal.calls.ingestion.CallRecordJson;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading an uploaded call record file: its header, its lines, and every reason a whole file is refused. */
class CallRecordUploadFileTests {

    private static CallRecordUploadFile.Checked check(String text) {
        return CallRecordUploadFile.check(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CallRecordUploadFile.Line> lines(CallRecordUploadFile.Checked checked) {
        List<CallRecordUploadFile.Line> lines = new ArrayList<>();
        CallRecordUploadFile.lines(checked.text(), lines::add);
        return lines;
    }

    @Test
    void theHeaderNamesTheApiFieldsInAnyOrderAndOptionalOnesMayBeLeftOut() {
        CallRecordUploadFile.Checked checked = check("""
                Result,callId,X,caller,type,startTime,durationSeconds,releaseCause
                ANSWERED,c-1,700100000000001,13800138000,VOICE,2026-01-01T08:00:00Z,42,16

                NO_ANSWER, c-2 ,700100000000001,+86 138 0013 8000,VOICE,2026-01-01T09:00:00Z,,
                """);

        assertThat(checked.refused()).isFalse();
        assertThat(checked.rows()).isEqualTo(2);
        List<CallRecordUploadFile.Line> lines = lines(checked);
        assertThat(lines).extracting(CallRecordUploadFile.Line::lineNo).containsExactly(2, 4);
        assertThat(lines.get(0).record()).isEqualTo(new CallRecordJson("c-1", "700100000000001", "13800138000", null,
                "VOICE", "2026-01-01T08:00:00Z", null, null, null, 42, 16, null, "ANSWERED", null, null));
        assertThat(lines.get(1).record().callId()).isEqualTo("c-2");
        assertThat(lines.get(1).record().caller()).isEqualTo("+86 138 0013 8000");
        assertThat(lines.get(1).record().durationSeconds()).isNull();
    }

    @Test
    void aLineThatCannotBeARecordIsReportedWithItsReason() {
        CallRecordUploadFile.Checked checked = check("""
                callId,x,caller,type,startTime,result,durationSeconds
                c-1,700100000000001,13800138000,VOICE,2026-01-01T08:00:00Z,ANSWERED,12.5
                c-2,700100000000001,13800138000,VOICE,2026-01-01T08:00:00Z,ANSWERED,12,extra
                c-3,700100000000001,13800138000,VOICE,2026-01-01T08:00:00Z,ANSWERED,12,
                """);

        List<CallRecordUploadFile.Line> lines = lines(checked);
        assertThat(lines.get(0).record()).isNull();
        assertThat(lines.get(0).reason()).isEqualTo("MALFORMED_INTEGER");
        assertThat(lines.get(0).rawCallId()).isEqualTo("c-1");
        assertThat(lines.get(1).record()).isNull();
        assertThat(lines.get(1).reason()).isEqualTo("TOO_MANY_FIELDS");
        assertThat(lines.get(1).rawCallId()).isEqualTo("c-2");
        assertThat(lines.get(2).record()).isNotNull();
    }

    @Test
    void gb18030AsExcelSavesItOnChineseWindowsIsRead() {
        String text = "callId,x,caller,type,startTime,result,recordingRef\r\n"
                + "c-1,700100000000001,13800138000,VOICE,2026-01-01T08:00:00Z,ANSWERED,录音/张三.mp3\r\n";
        CallRecordUploadFile.Checked checked = CallRecordUploadFile.check(text.getBytes(Charset.forName("GB18030")));

        assertThat(lines(checked).get(0).record().recordingRef()).isEqualTo("录音/张三.mp3");
    }

    @Test
    void filesThatAreNotCallRecordFilesAreRefusedWhole() {
        assertThat(check("callId,x,caller,type,startTime\nc-1,7001,138,VOICE,2026-01-01T08:00:00Z\n").problemKey())
                .isEqualTo("callUpload.csv.missingColumns");
        assertThat(check("callId,x,caller,type,startTime\nc-1\n").problemArg()).isEqualTo("result");
        CallRecordUploadFile.Checked unknown = check("callId,x,caller,type,startTime,result,tenant\nc-1\n");
        assertThat(unknown.problemKey()).isEqualTo("callUpload.csv.unknownColumn");
        assertThat(unknown.problemArg()).isEqualTo("tenant");
        assertThat(check("callId,x,caller,type,startTime,result,callid\nc-1\n").problemKey())
                .isEqualTo("callUpload.csv.duplicateColumn");
        assertThat(check("callId,x,caller,type,startTime,result\n\n").problemKey()).isEqualTo("callUpload.csv.empty");
        assertThat(check("").problemKey()).isEqualTo("callUpload.csv.empty");
        assertThat(check("callId,x,caller,type,startTime,result\n\"c-1,7001\n").problemKey())
                .isEqualTo("callUpload.csv.notCsv");
        assertThat(CallRecordUploadFile.check(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13}).problemKey())
                .isEqualTo("callUpload.csv.notCsv");
        assertThat(CallRecordUploadFile.check(new byte[CallRecordUploadFile.MAX_BYTES + 1]).problemKey())
                .isEqualTo("callUpload.csv.tooLarge");
    }

    @Test
    void atMostTheRowLimitIsAccepted() {
        StringBuilder text = new StringBuilder("callId,x,caller,type,startTime,result\n");
        for (int i = 0; i < CallRecordUploadFile.MAX_ROWS; i++) {
            text.append("r\n");
        }
        assertThat(check(text.toString()).rows()).isEqualTo(CallRecordUploadFile.MAX_ROWS);
        text.append("r\n");
        assertThat(check(text.toString()).problemKey()).isEqualTo("callUpload.csv.tooManyRows");
    }
}
