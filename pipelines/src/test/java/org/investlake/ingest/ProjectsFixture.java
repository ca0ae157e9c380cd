package org.investlake.ingest;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.TestFiles;

/**
 * The hand-made project-library export (项目库月调度表) of 2023年6月, with every silver value worked
 * out by hand. The header is the 16 columns of the projects feed (schemas/projects.yaml); 总投资 is given in 亿元 (header suffix), so
 * it is ×10000 in silver; the unit line says 万元 for the rest.
 *
 * <pre>
 * line  code                      region→code       sector→code            level  stage      总投资亿→万       计划   累计完成    计划开工→月          实际开工→月        推介
 *  4    2301-131102-04-01-512345  桃城区 131102     工业 industry          省重点 续建       12.5 → 125000     30,000 18000.5     2022-10 → 2022-10   2022年11月 → 2022-11 否
 *  5    2303-131103-01-02-100001  冀州 → 冀州区     农业 agriculture       市重点 新开工     3.2  → 32000      8000   2500        2023-03 → 2023-03   2023/3/15 → 2023-03  是
 *  6    2302-131127-05-01-200002  景县 131127       市政基础设施 municipal 一般   新开工     0.85 → 8500       6000   0           2023年7月 → 2023-07 (empty: not started) 否
 *  7    2212-131171-03-01-300003  高新区 → 衡水高新区 能源 energy        省重点 竣工       6    → 60000      20000  19,800      2022-12 → 2022-12   2022-12 → 2022-12    是
 *  8    2305-131199-08-01-400004  市直 → 市本级      教育 education         市重点 前期(储备)→前期 1.05 → 10500 1000  — (missing) 2024-01 → 2024-01   (empty)              否
 *  9    2304-131123-10-01-500005  武强县 131123     文旅 culture_tourism   一般   续建       2    → 20000      5000   1200        2023年4月 → 2023-04 2023年4月 → 2023-04  否
 * </pre>
 * is_key_project: 省重点/市重点 → lines 4, 5, 7, 8. is_started: an actual start → lines 4, 5, 7, 9.
 * No rule fires: each code's YYMM is ≤ 2023 and its region segment is the row's region; plans and
 * completed amounts are within the totals; actual starts are before 2023-06.
 */
final class ProjectsFixture {
    private ProjectsFixture() {}

    static final String TITLE = "2023年6月全市省市重点项目调度表";

    static final List<String> HEADER = List.of(
            "项目代码",
            "项目名称",
            "所属县市区",
            "行业领域",
            "项目级别",
            "所属项目库",
            "建设性质",
            "总投资(亿元)",
            "年度计划投资(万元)",
            "本年累计完成投资(万元)",
            "计划开工时间",
            "实际开工时间",
            "是否民间投资推介",
            "包联领导",
            "责任单位",
            "报送月份");

    /** The header with every amount in 万元 (the rules fixtures). */
    static final String HEADER_WAN = "项目代码,项目名称,所属县市区,行业领域,项目级别,所属项目库,建设性质,总投资(万元),"
            + "年度计划投资(万元),本年累计完成投资(万元),计划开工时间,实际开工时间,是否民间投资推介,包联领导,责任单位,报送月份";

    static final String FOOTNOTE = "注:总投资单位为亿元,其余金额单位为万元。";

    /** The June fixture as a GBK CSV (the usual Windows export). */
    static Path juneCsv(Path dir) {
        return TestFiles.csv(
                dir,
                "2023年6月省市重点项目调度表.csv",
                Charset.forName("GBK"),
                false,
                TITLE,
                "单位:万元",
                String.join(",", HEADER),
                "2301-131102-04-01-512345,桃城智能装备产业园,桃城区,工业,省重点,省重点项目库,续建,12.5,\"30,000\",18000.5,2022-10,2022年11月,否,王市长,桃城区发改局,2023-06",
                "2303-131103-01-02-100001,冀州区现代农业示范园,冀州,农业,市重点,市重点项目库,新开工,3.2,8000,2500,2023-03,2023/3/15,是,李副市长,冀州区农业农村局,2023年6月",
                "2302-131127-05-01-200002,景县污水处理厂提标改造,景县,市政基础设施,一般,一般项目库,新开工,0.85,6000,0,2023年7月,,否,赵局长,景县住建局,2023-06",
                "2212-131171-03-01-300003,高新区新能源储能电站,高新区,能源,省重点,省重点项目库,竣工,6,20000,\"19,800\",2022-12,2022-12,是,孙市长,衡水高新区管委会,2023-06",
                "2305-131199-08-01-400004,市直教育园区前期工作,市直,教育,市重点,市重点项目库,前期(储备),1.05,1000,—,2024-01,,否,周副市长,市教育局,2023-06",
                "2304-131123-10-01-500005,武强县文旅小镇,武强县,文旅,一般,一般项目库,续建,2,5000,1200,2023年4月,2023年4月,否,吴局长,武强县文旅局,2023-06",
                "",
                FOOTNOTE);
    }

    /**
     * The same six projects as an .xlsx: amounts as numeric cells, start dates as Excel date cells where a
     * clerk's sheet has them (the day is dropped: 2022-10-08 is month 2022-10), the report month as the
     * date cell 2023-06-30. Silver must be the same as for {@link #juneCsv}.
     */
    static Path juneXlsx(Path dir) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(TITLE));
        rows.add(List.of("单位:万元"));
        rows.add(new ArrayList<>(HEADER));
        rows.add(row(
                "2301-131102-04-01-512345",
                "桃城智能装备产业园",
                "桃城区",
                "工业",
                "省重点",
                "省重点项目库",
                "续建",
                12.5,
                30000,
                18000.5,
                LocalDate.of(2022, 10, 8),
                LocalDate.of(2022, 11, 20),
                "否",
                "王市长",
                "桃城区发改局",
                LocalDate.of(2023, 6, 30)));
        rows.add(row(
                "2303-131103-01-02-100001",
                "冀州区现代农业示范园",
                "冀州",
                "农业",
                "市重点",
                "市重点项目库",
                "新开工",
                3.2,
                8000,
                2500,
                LocalDate.of(2023, 3, 1),
                LocalDate.of(2023, 3, 15),
                "是",
                "李副市长",
                "冀州区农业农村局",
                "2023年6月"));
        rows.add(row(
                "2302-131127-05-01-200002",
                "景县污水处理厂提标改造",
                "景县",
                "市政基础设施",
                "一般",
                "一般项目库",
                "新开工",
                0.85,
                6000,
                0,
                "2023年7月",
                null,
                "否",
                "赵局长",
                "景县住建局",
                LocalDate.of(2023, 6, 30)));
        rows.add(row(
                "2212-131171-03-01-300003",
                "高新区新能源储能电站",
                "高新区",
                "能源",
                "省重点",
                "省重点项目库",
                "竣工",
                6,
                20000,
                19800,
                LocalDate.of(2022, 12, 5),
                LocalDate.of(2022, 12, 28),
                "是",
                "孙市长",
                "衡水高新区管委会",
                LocalDate.of(2023, 6, 30)));
        rows.add(row(
                "2305-131199-08-01-400004",
                "市直教育园区前期工作",
                "市直",
                "教育",
                "市重点",
                "市重点项目库",
                "前期(储备)",
                1.05,
                1000,
                "—",
                LocalDate.of(2024, 1, 1),
                null,
                "否",
                "周副市长",
                "市教育局",
                LocalDate.of(2023, 6, 30)));
        rows.add(row(
                "2304-131123-10-01-500005",
                "武强县文旅小镇",
                "武强县",
                "文旅",
                "一般",
                "一般项目库",
                "续建",
                2,
                5000,
                1200,
                "2023-04",
                "2023/4/10",
                "否",
                "吴局长",
                "武强县文旅局",
                LocalDate.of(2023, 6, 30)));
        rows.add(List.of());
        rows.add(List.of(FOOTNOTE));
        return TestFiles.xlsx(dir, "2023年6月省市重点项目调度表.xlsx", rows);
    }

    private static List<Object> row(Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }

    /** The silver columns the load tests compare, in this order. */
    static final String SILVER_COLUMNS = "period, year, month, project_code, project_name, region_code, region_name, "
            + "sector_code, sector_name, level, is_key_project, library, stage, total_investment_wan, annual_plan_wan, "
            + "completed_ytd_wan, planned_start_month, actual_start_month, is_started, is_private_promotion, leader, "
            + "responsible_unit, source_row";

    static final String SILVER_DDL = "period STRING, year INT, month INT, project_code STRING, project_name STRING, "
            + "region_code STRING, region_name STRING, sector_code STRING, sector_name STRING, level STRING, "
            + "is_key_project BOOLEAN, library STRING, stage STRING, total_investment_wan DECIMAL(18,2), "
            + "annual_plan_wan DECIMAL(18,2), completed_ytd_wan DECIMAL(18,2), planned_start_month STRING, "
            + "actual_start_month STRING, is_started BOOLEAN, is_private_promotion BOOLEAN, leader STRING, "
            + "responsible_unit STRING, source_row INT";

    /** The June fixture's silver rows, worked out by hand (table above), in project_code order. */
    static Object[][] juneSilver() {
        return new Object[][] {
            {
                "2023-06",
                2023,
                6,
                "2212-131171-03-01-300003",
                "高新区新能源储能电站",
                "131171",
                "衡水高新区",
                "energy",
                "能源",
                "省重点",
                true,
                "省重点项目库",
                "竣工",
                dec("60000"),
                dec("20000"),
                dec("19800"),
                "2022-12",
                "2022-12",
                true,
                true,
                "孙市长",
                "衡水高新区管委会",
                7
            },
            {
                "2023-06",
                2023,
                6,
                "2301-131102-04-01-512345",
                "桃城智能装备产业园",
                "131102",
                "桃城区",
                "industry",
                "工业",
                "省重点",
                true,
                "省重点项目库",
                "续建",
                dec("125000"),
                dec("30000"),
                dec("18000.5"),
                "2022-10",
                "2022-11",
                true,
                false,
                "王市长",
                "桃城区发改局",
                4
            },
            {
                "2023-06",
                2023,
                6,
                "2302-131127-05-01-200002",
                "景县污水处理厂提标改造",
                "131127",
                "景县",
                "municipal",
                "市政基础设施",
                "一般",
                false,
                "一般项目库",
                "新开工",
                dec("8500"),
                dec("6000"),
                dec("0"),
                "2023-07",
                null,
                false,
                false,
                "赵局长",
                "景县住建局",
                6
            },
            {
                "2023-06",
                2023,
                6,
                "2303-131103-01-02-100001",
                "冀州区现代农业示范园",
                "131103",
                "冀州区",
                "agriculture",
                "农业(不含林业)",
                "市重点",
                true,
                "市重点项目库",
                "新开工",
                dec("32000"),
                dec("8000"),
                dec("2500"),
                "2023-03",
                "2023-03",
                true,
                true,
                "李副市长",
                "冀州区农业农村局",
                5
            },
            {
                "2023-06",
                2023,
                6,
                "2304-131123-10-01-500005",
                "武强县文旅小镇",
                "131123",
                "武强县",
                "culture_tourism",
                "文化旅游",
                "一般",
                false,
                "一般项目库",
                "续建",
                dec("20000"),
                dec("5000"),
                dec("1200"),
                "2023-04",
                "2023-04",
                true,
                false,
                "吴局长",
                "武强县文旅局",
                9
            },
            {
                "2023-06",
                2023,
                6,
                "2305-131199-08-01-400004",
                "市直教育园区前期工作",
                "131199",
                "市本级",
                "education",
                "教育",
                "市重点",
                true,
                "市重点项目库",
                "前期",
                dec("10500"),
                dec("1000"),
                null,
                "2024-01",
                null,
                false,
                false,
                "周副市长",
                "市教育局",
                8
            },
        };
    }

    /**
     * The rows a dry run would have merged into silver.projects ({@code LoadJob.lastPreview()}), shown as
     * the load tests show silver: the {@link #SILVER_COLUMNS} of load {@code loadId}, in project_code order.
     */
    static Dataset<Row> previewOf(Dataset<Row> preview, String loadId) {
        if (preview == null) {
            throw new AssertionError("no dry-run preview for load " + loadId);
        }
        // spark.sql analyses at once: the Dataset keeps this preview even when the view is replaced later
        preview.createOrReplaceTempView("projects_dry_run_preview");
        return preview.sparkSession()
                .sql("SELECT " + SILVER_COLUMNS + " FROM projects_dry_run_preview WHERE load_id = '" + loadId
                        + "' ORDER BY project_code");
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s).setScale(2);
    }
}
