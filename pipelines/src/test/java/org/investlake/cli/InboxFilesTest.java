package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of an inbox folder {@code run --inbox} picks up. */
class InboxFilesTest {
    @TempDir
    Path dir;

    @Test
    void oldFormatXlsIsPickedUpWithTheOtherFormats() throws IOException {
        for (String n : new String[] {"a.csv", "b.xlsx", "c.XLS", "d.parquet", "e.pdf", "~$b.xlsx", ".hidden.xls"}) {
            Files.writeString(dir.resolve(n), "x");
        }
        // the Excel lock file ~$b.xlsx, the hidden file and the pdf are left alone; the case of .XLS does not matter
        assertThat(RunCommand.inboxFiles(dir).stream()
                        .map(p -> p.getFileName().toString())
                        .toList())
                .containsExactly("a.csv", "b.xlsx", "c.XLS", "d.parquet");
    }

    @Test
    void monthsComeInCalendarOrderNotTextOrder() throws IOException {
        for (String n : new String[] {
            "2023年1-10月各县市区固定资产投资.csv",
            "2023年1-9月各县市区固定资产投资.csv",
            "2023年12月省市重点项目调度表.csv",
            "2023年2月省市重点项目调度表.csv",
            "2023年1-2月各县市区固定资产投资.csv",
            "2023年1-9月各县市区固定资产投资(更正).csv"
        }) {
            Files.writeString(dir.resolve(n), "x");
        }
        // by hand: text order would put 1-10 before 1-2 and 12月 before 2月, and the correction of 1-9月 before the
        // file it corrects ("(" sorts before "."); of two deliveries of one month, silver keeps the later
        assertThat(RunCommand.inboxFiles(dir).stream()
                        .map(p -> p.getFileName().toString())
                        .toList())
                .containsExactly(
                        "2023年1-2月各县市区固定资产投资.csv",
                        "2023年1-9月各县市区固定资产投资.csv",
                        "2023年1-9月各县市区固定资产投资(更正).csv",
                        "2023年1-10月各县市区固定资产投资.csv",
                        "2023年2月省市重点项目调度表.csv",
                        "2023年12月省市重点项目调度表.csv");
    }
}
