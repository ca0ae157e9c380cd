package org.investlake.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.investlake.TestFiles;
import org.investlake.ingest.FileLoadResult;
import org.investlake.ingest.LoadBatch;
import org.investlake.ingest.LoadJob;
import org.investlake.marts.BuildJob;
import org.investlake.storage.Warehouse;

/**
 * A small warehouse with something in every table an analyst's notebook asks about: four units and 全市 over
 * three periods of statistics (1-4月 delivered twice, the second a correction), the city by sector for 1-4月,
 * six projects of the project library in March and April, two special-bond projects in April, and the marts
 * built over them. Loaded through {@link LoadBatch} (the first four files, as {@code run --inbox} loads them),
 * {@link LoadJob} (the correction) and {@link BuildJob} like any delivery.
 *
 * <pre>
 * ytd growth %     桃城区  冀州区  武强县  景县  全市     (targets 7.5, 7.0, 8.0, 7.0, 7.0)
 * 1-2月             8.0    6.0    3.0   9.0   6.5
 * 1-3月            10.0   −7.0    5.0   8.5   4.3
 * 1-4月             9.5   −2.0    6.0   4.0   5.0     first delivery
 * 1-4月 (更正)       9.5   −2.0    6.0   7.2   5.6     the correction: 景县 and 全市 change
 * </pre>
 * The first file also has a row for 东城区, not a region of 衡水市, which goes to ops.quarantine.
 * Projects (万元; April: time progress 4/12): P1 桃城区 省重点 续建 plan 40000 done 16000 (40%); P2 冀州区 市重点
 * 新开工 planned 2023-02, not started; P3 武强县 省重点 新开工 started 2023-01, plan 30000 done 500; P4 景县
 * 市重点 续建 plan 9000 done 2000; P5 景县 市重点 新开工 planned 2023-01, not started; P6 桃城区 一般 续建 plan
 * 3000 done 1500. Bonds (April): B1 桃城区 已开工, B2 景县 未开工.
 */
public final class AnalystWarehouse {
    private AnalystWarehouse() {}

    private static Path shared;

    /**
     * One analyst warehouse per test JVM for the classes that only read it (the notebooks' SQL, the Superset
     * bundle's schemas): loaded and built on first use in a folder of its own, {@code DIR/warehouse}; returns DIR.
     * {@code open} is the caller's way to open a warehouse in the shared session ({@code SparkTest::warehouse}).
     */
    public static synchronized Path shared(java.util.function.Function<Path, Warehouse> open) {
        if (shared == null) {
            try {
                Path dir = java.nio.file.Files.createTempDirectory("investlake-analyst-warehouse");
                load(open.apply(dir), dir.resolve("in"));
                shared = dir;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static final String PROJECTS_HEADER = "项目代码,项目名称,所属县市区,行业领域,项目级别,所属项目库,建设性质,总投资(万元),"
            + "年度计划投资(万元),本年累计完成投资(万元),计划开工时间,实际开工时间,是否民间投资推介,包联领导,责任单位,报送月份";

    private static final String BONDS_HEADER =
            "项目代码,项目名称,县市区,债券批次,发行金额(万元),发行日期,年度计划投资(万元),累计完成投资(万元),已支出债券资金(万元),开工状态,报送月份";

    /** Loads every delivery into {@code w} (in this order: the correction comes last) and builds the marts. */
    public static void load(Warehouse w, Path in) {
        // the first four as one batch, as `run --inbox` loads an inbox: the same silver as one by one, fewer commits
        deliverAll(
                w,
                List.of(1, 0, 0, 0),
                TestFiles.utf8(
                        in,
                        "2023年1-4月各县市区固定资产投资.csv",
                        "统计期,县市区,累计增速(%)",
                        "2023-02,桃城区,8.0",
                        "2023-02,冀州区,6.0",
                        "2023-02,武强县,3.0",
                        "2023-02,景县,9.0",
                        "2023-02,全市,6.5",
                        "2023-03,桃城区,10.0",
                        "2023-03,冀州区,-7.0",
                        "2023-03,武强县,5.0",
                        "2023-03,景县,8.5",
                        "2023-03,全市,4.3",
                        "2023-04,桃城区,9.5",
                        "2023-04,冀州区,-2.0",
                        "2023-04,武强县,6.0",
                        "2023-04,景县,4.0",
                        "2023-04,全市,5.0",
                        "2023-04,东城区,5.0"), // not a region of 衡水市: quarantined
                TestFiles.utf8(
                        in,
                        "2023年1-4月全市分行业固定资产投资.csv",
                        "2023年1-4月全市分行业固定资产投资情况",
                        "行业领域,同比增长(%)",
                        "工业,9.1",
                        "交通运输,下降2.0",
                        "能源,8.6",
                        "  其中：民间投资,-0.5"),
                TestFiles.utf8(
                        in,
                        "2023年3-4月省市重点项目调度表.csv",
                        PROJECTS_HEADER,
                        projects("2023-03", 11000, 0, 300, 1200, 0, 1000),
                        projects("2023-04", 16000, 0, 500, 2000, 0, 1500)),
                TestFiles.utf8(
                        in,
                        "2023年4月专项债券项目进展.csv",
                        BONDS_HEADER,
                        "2208-131102-05-01-620001,桃城区老旧小区改造,桃城区,2023年第一批,12000,2023-02-15,8000,2000,3000,已开工,2023-04",
                        "2210-131127-02-01-620002,景县供水管网改造,景县,2023年第一批,5000,2023-02-15,4000,300,500,未开工,2023-04"));
        BuildJob.on(w).execute(); // the month's bulletin was built on the first delivery
        deliver(
                w,
                TestFiles.utf8(
                        in,
                        "2023年1-4月各县市区固定资产投资(更正).csv",
                        "2023年1-4月各县市区固定资产投资完成情况(更正)",
                        "县市区,累计增速(%)",
                        "桃城区,9.5",
                        "冀州区,-2.0",
                        "武强县,6.0",
                        "景县,7.2",
                        "全市,5.6"));
        BuildJob.on(w).execute();
    }

    /** P1..P6 (class comment); {@code %s} is the completed amount of the month, in the order of the rows. */
    private static final List<String> PROJECTS = List.of(
            "2301-131102-04-01-610001,桃城区高端装备制造基地,桃城区,工业,省重点,省重点项目库,续建,150000,40000,%s,2022-09,2022-10,否,王市长,桃城区发改局",
            "2301-131103-06-01-610002,冀州区冷链物流园,冀州区,交通运输,市重点,市重点项目库,新开工,60000,20000,%s,2023-02,,是,李副市长,冀州区商务局",
            "2301-131123-03-01-610003,武强县光伏发电项目,武强县,能源,省重点,省重点项目库,新开工,80000,30000,%s,2023-01,2023-01,否,赵副市长,武强县发改局",
            "2212-131127-05-01-610004,景县污水处理厂扩建,景县,市政基础设施,市重点,市重点项目库,续建,20000,9000,%s,2022-12,2022-12,否,孙局长,景县住建局",
            "2212-131127-04-02-610005,景县工业园区标准化厂房,景县,工业,市重点,市重点项目库,新开工,30000,12000,%s,2023-01,,是,孙局长,景县工信局",
            "2301-131102-10-01-610006,桃城区文旅街区,桃城区,文化旅游,一般,一般项目库,续建,8000,3000,%s,2022-06,2022-07,否,吴局长,桃城区文旅局");

    /** The six projects' rows of one report month, with their completed amounts (万元). */
    private static String projects(String period, int... completed) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < PROJECTS.size(); i++) {
            rows.add(String.format(PROJECTS.get(i), completed[i]) + "," + period);
        }
        return String.join("\r\n", rows);
    }

    /**
     * Loads the files as one batch ({@link LoadBatch}) and checks each as {@link #deliver(Warehouse, Path, int)}
     * does; {@code quarantined} holds each file's expected bad rows, in the files' order.
     */
    private static void deliverAll(Warehouse w, List<Integer> quarantined, Path... files) {
        List<FileLoadResult> results = LoadBatch.of(LoadJob.on(w)).execute(List.of(files), step -> {});
        assertThat(results).as("one result per file").hasSize(files.length);
        for (int i = 0; i < files.length; i++) {
            FileLoadResult r = results.get(i);
            assertThat(r.status())
                    .as("load of %s: %s", r.file(), r.reasons())
                    .isEqualTo(quarantined.get(i) == 0 ? FileLoadResult.Status.LOADED : FileLoadResult.Status.PARTIAL);
            assertThat(r.rowsQuarantined())
                    .as("rows of %s quarantined: %s", r.file(), r.reasons())
                    .isEqualTo(quarantined.get(i));
        }
    }

    private static void deliver(Warehouse w, Path file) {
        deliver(w, file, 0);
    }

    /** Loads one delivery and checks that all but the expected bad rows reached silver (a fixture typo fails here). */
    private static void deliver(Warehouse w, Path file, int quarantined) {
        FileLoadResult r = LoadJob.on(w).execute(file);
        assertThat(r.status())
                .as("load of %s: %s", file.getFileName(), r.reasons())
                .isEqualTo(quarantined == 0 ? FileLoadResult.Status.LOADED : FileLoadResult.Status.PARTIAL);
        assertThat(r.rowsQuarantined())
                .as("rows of %s quarantined: %s", file.getFileName(), r.reasons())
                .isEqualTo(quarantined);
    }
}
