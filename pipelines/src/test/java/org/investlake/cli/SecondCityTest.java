package org.investlake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.SparkTest;
import org.investlake.storage.ReferenceViews;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another city is another config file: a made-up 示例市 (test resources second-city/: four units
 * with codes 9901xx, its own aliases, targets and drop-alert thresholds) runs through the command
 * line — load, build, gold — with no code change, and every figure below is worked out by hand from
 * the fixture files in second-city/inbox.
 */
class SecondCityTest extends SparkTest {
    @TempDir
    static Path dir;

    private static Path warehouse;
    private static int exitCode;
    private static String out;

    @BeforeAll
    static void runTheSecondCity() throws IOException, URISyntaxException {
        Path config = Path.of(SecondCityTest.class
                .getClassLoader()
                .getResource("second-city/city.yaml")
                .toURI());
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        try (Stream<Path> files = Files.list(config.getParent().resolve("inbox"))) {
            for (Path f : files.toList()) {
                Files.copy(f, inbox.resolve(f.getFileName()));
            }
        }
        warehouse = dir.resolve("warehouse");
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        exitCode = Main.run(
                new String[] {
                    "--warehouse",
                    warehouse.toString(),
                    "--config",
                    config.toString(),
                    "run",
                    "--inbox",
                    inbox.toString()
                },
                new PrintWriter(o, true),
                new PrintWriter(e, true));
        out = o + e.toString();
    }

    @AfterAll
    static void bundledCityAgain() {
        // the ref_* views live in the shared session: give the next test class 衡水市's back
        ReferenceViews.register(spark(), reference());
    }

    private static Dataset<Row> table(String layer, String name) {
        return spark().read()
                .format("delta")
                .load(warehouse.resolve(layer).resolve(name).toString());
    }

    @Test
    void regionGrowthRanksTheFourUnitsWithTheCitysOwnThresholds() {
        // 1-6月, growth as reported (each equals its amounts: 53500/50000 = 7.0%, 26250/25000 = 5.0%,
        // 12600/12000 = 5.0%, 41200/40000 = 3.0%; 全市 133600/127000 = 5.197 → 5.2);
        // targets 6.5 / 6.0 / 5.5 / 7.0, 全市 6.0; 1-5月 growth 8.0 / 7.0 / 5.0 / 6.0, 全市 6.9.
        // rank among the 4: 7.0 → 1, 5.0 and 5.0 share 2, 3.0 → 4; 全市 has none.
        // drop_alert with 示例市's thresholds (fall ≥ 2.0 or ≥ 4.0 under target):
        //   东湖区 change 7.0-8.0 = -1.0, gap 7.0-6.5 = 0.5            → no
        //   西山县 change 5.0-7.0 = -2.0 (a fall of exactly 2.0)        → yes (衡水市's 3.0 would say no)
        //   南岭县 change 5.0-5.0 = 0.0, gap 5.0-5.5 = -0.5             → no
        //   北原市 change 3.0-6.0 = -3.0, gap 3.0-7.0 = -4.0            → yes
        //   全市   change 5.2-6.9 = -1.7, gap 5.2-6.0 = -0.8            → no
        Dataset<Row> june = table("gold", "region_growth")
                .where("period = '2023-06'")
                .selectExpr(
                        "region_code",
                        "region_name",
                        "cast(ytd_growth_pct as string) as growth",
                        "cast(target_growth_pct as string) as target",
                        "cast(gap_pp as string) as gap",
                        "cast(change_pp as string) as change",
                        "rank",
                        "meets_target",
                        "drop_alert")
                .orderBy("region_code");
        assertDataFrameEquals(
                rows(
                        "region_code STRING, region_name STRING, growth STRING, target STRING, gap STRING, "
                                + "change STRING, rank INT, meets_target BOOLEAN, drop_alert BOOLEAN",
                        new Object[] {"990100", "全市", "5.2", "6.0", "-0.8", "-1.7", null, false, false},
                        new Object[] {"990101", "东湖区", "7.0", "6.5", "0.5", "-1.0", 1, true, false},
                        new Object[] {"990102", "西山县", "5.0", "6.0", "-1.0", "-2.0", 2, false, true},
                        new Object[] {"990103", "南岭县", "5.0", "5.5", "-0.5", "0.0", 2, false, false},
                        new Object[] {"990104", "北原市", "3.0", "7.0", "-4.0", "-3.0", 4, false, true}),
                june);
        // 1-5月: 8.0 → 1, 7.0 → 2, 6.0 (北原市) → 3, 5.0 (南岭县) → 4
        assertDataFrameEquals(
                rows(
                        "region_code STRING, rank INT",
                        new Object[] {"990101", 1},
                        new Object[] {"990102", 2},
                        new Object[] {"990103", 4},
                        new Object[] {"990104", 3}),
                table("gold", "region_growth")
                        .where("period = '2023-05' AND rank IS NOT NULL")
                        .select("region_code", "rank")
                        .orderBy("region_code"));
    }

    @Test
    void theCityTotalStaysAsDeliveredAndIsReconciledAgainstTheSumOfTheFourUnits() {
        // June: the units add up to 53500 + 26250 + 12600 + 41200 = 133550 万元, the 全市 row says
        // 133600: 50 apart. With all 4 units in the file the rule fires (on the old "< 13" it never
        // could); gold keeps the bureau's 133600, never the sum.
        List<Row> city = table("gold", "region_growth")
                .where("period = '2023-06' AND region_code = '990100'")
                .selectExpr("cast(ytd_amount_wan as string)")
                .collectAsList();
        assertThat(city).extracting(r -> r.getString(0)).containsExactly("133600.00");
        assertThat(out).contains("与4个县市区之和 133550.00 万元,相差 50.00 万元不一致");
        // May adds up exactly (43200 + 21400 + 10500 + 31800 = 106900): no such warning for it
        assertThat(out).doesNotContain("全市合计 106900");
    }

    @Test
    void messagesNameTheCityAndItsCodesFromTheConfig() {
        // the second project carries a 衡水市 division code (131102): quarantined, and the message
        // names 示例市 and its prefix 9901xx (the city code 990100 without its trailing 00)
        assertThat(exitCode).as(out).isEqualTo(Main.REJECTED);
        assertThat(out).contains("项目代码「2301-131102-04-01-100002」第6-11位应为示例市的行政区划代码(9901xx)");
        assertThat(table("silver", "projects").select("project_code").collectAsList())
                .extracting(r -> r.getString(0))
                .containsExactly("2301-990101-04-01-100001");
    }

    @Test
    void theScorecardRanksTheFourUnits() {
        // only FAI growth has data (no bonds; the one key project has no unit-level target
        // attainment for the others), so compare the FAI ratio growth / target, the component every
        // unit has: 东湖区 7.0/6.5 = 1.077, 南岭县 5.0/5.5 = 0.909, 西山县 5.0/6.0 = 0.833,
        // 北原市 3.0/7.0 = 0.429 → ranks 1, 2, 3, 4 on the fai_growth_score
        assertDataFrameEquals(
                rows(
                        "region_code STRING, fai_rank INT",
                        new Object[] {"990101", 1},
                        new Object[] {"990102", 3},
                        new Object[] {"990103", 2},
                        new Object[] {"990104", 4}),
                table("gold", "region_scorecard")
                        .where("period = '2023-06'")
                        .selectExpr(
                                "region_code", "cast(rank() over (order by fai_growth_score desc) as int) as fai_rank")
                        .orderBy("region_code"));
    }
}
