package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import org.investlake.TestFiles;
import org.investlake.storage.Warehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Periods that cannot be: after the current month, or before the first year the city's profile has
 * targets for (the bundled profile: 2023 only). A later year without targets loads with a warning.
 */
class ImpossiblePeriodsTest extends StatsTestSupport {
    @TempDir
    static Path dir;

    private static Warehouse w;

    @BeforeAll
    static void openWarehouse() {
        w = warehouse(dir);
    }

    private static Path file(String name, String title) {
        return TestFiles.utf8(dir.resolve(name), name + ".csv", title, "县市区,同比增长(%)", "桃城区,5.0");
    }

    @Test
    void periodAfterThisMonthIsRejected() {
        YearMonth next = YearMonth.now().plusMonths(1);
        String title = next.getYear() + "年1-" + next.getMonthValue() + "月各县市区固定资产投资完成情况";
        FileLoadResult r = DryRun.of(LoadJob.on(w), file("future", title)).result();
        assertThat(r.status()).isEqualTo(FileLoadResult.Status.REJECTED);
        assertThat(r.reasons())
                .singleElement()
                .asString()
                .startsWith("future.csv: 统计期 " + next + " 在本月(" + YearMonth.now() + ")之后");
    }

    @Test
    void periodBeforeTheFirstTargetYearIsRejected() {
        FileLoadResult r = DryRun.of(LoadJob.on(w), file("early", "2022年1-6月各县市区固定资产投资完成情况"))
                .result();
        assertThat(r.status()).isEqualTo(FileLoadResult.Status.REJECTED);
        assertThat(r.reasons()).singleElement().asString().startsWith("early.csv: 统计期 2022-06 早于本市配置的第一个目标年份 2023 年");
    }

    @Test
    void yearWithoutTargetsLoadsWithAWarning() {
        // 2024 is after 2023 (the first target year), not after this month, and has no targets file
        DryRun d = DryRun.of(LoadJob.on(w), file("later", "2024年1-6月各县市区固定资产投资完成情况"));
        assertThat(d.result().status()).as("%s", d.result().reasons()).isEqualTo(FileLoadResult.Status.LOADED);
        assertThat(d.result().reasons())
                .containsExactly("警告 later.csv: 统计期 2024-06 所在的 2024 年没有目标文件(config/targets/2024.yaml),"
                        + "数据照常入库,但 gold 中该年的目标将为空");
        assertDataFrameEquals(
                rows(SILVER_DDL, new Object[] {"2024-06", "131102", "all", null, null, 5.0, "reported"}), d.silver());
    }
}
