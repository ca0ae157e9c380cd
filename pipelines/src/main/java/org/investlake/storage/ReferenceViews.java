package org.investlake.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.Sector;
import org.investlake.reference.YearTargets;

/**
 * Exposes the reference data to SQL as temporary views, so the SQL in sql/ joins targets and codes
 * by name (ref_regions, ref_region_labels, ref_sectors, ref_sector_labels, ref_region_targets,
 * ref_sector_targets, ref_rules, ref_kpi_targets, ref_outlook_shape). Analysts see the same views in {@code investlake sql}.
 */
public final class ReferenceViews {
    private ReferenceViews() {}

    public static void register(SparkSession spark, ReferenceData ref) {
        List<Row> regions = new ArrayList<>();
        int order = 0;
        for (Region r : ref.regions()) {
            regions.add(RowFactory.create(r.code(), r.name(), r.kind().name().toLowerCase(), order++));
        }
        view(spark, "ref_regions", "region_code STRING, region_name STRING, kind STRING, sort_order INT", regions);

        List<Row> regionLabels = new ArrayList<>();
        ref.regionLabels().forEach((label, r) -> regionLabels.add(RowFactory.create(label, r.code())));
        view(spark, "ref_region_labels", "label STRING, region_code STRING", regionLabels);

        List<Row> sectors = new ArrayList<>();
        order = 0;
        for (Sector s : ref.sectors()) {
            sectors.add(RowFactory.create(s.code(), s.name(), s.parent(), order++));
        }
        view(
                spark,
                "ref_sectors",
                "sector_code STRING, sector_name STRING, parent_code STRING, sort_order INT",
                sectors);

        List<Row> sectorLabels = new ArrayList<>();
        ref.sectorLabels().forEach((label, s) -> sectorLabels.add(RowFactory.create(label, s.code())));
        view(spark, "ref_sector_labels", "label STRING, sector_code STRING", sectorLabels);

        List<Row> regionTargets = new ArrayList<>();
        List<Row> sectorTargets = new ArrayList<>();
        List<Row> rules = new ArrayList<>();
        List<Row> kpis = new ArrayList<>();
        List<Row> shape = new ArrayList<>();
        for (YearTargets y : ref.allTargets().values()) {
            for (Region r : ref.regions()) {
                Double growth =
                        y.faiGrowthPct() == null ? null : y.faiGrowthPct().get(r.code());
                Double keyYi = y.keyProjects() == null
                        ? null
                        : y.keyProjects().completedYi().get(r.code());
                regionTargets.add(RowFactory.create(y.year(), r.code(), growth, keyYi));
            }
            for (Map.Entry<String, Double> e : y.sectorGrowthPct().entrySet()) {
                sectorTargets.add(RowFactory.create(y.year(), e.getKey(), e.getValue()));
            }
            YearTargets.Rules ru = y.rules();
            Map<String, Double> w = ru.scorecard().weights();
            YearTargets.TrafficLight tl = ru.trafficLight();
            YearTargets.Outlook outlook = ru.outlook();
            if (outlook != null && outlook.defaultShape() != null) {
                outlook.defaultShape()
                        .forEach((kind, months) -> months.forEach(
                                (month, share) -> shape.add(RowFactory.create(y.year(), kind, month, share))));
            }
            rules.add(RowFactory.create(
                    y.year(),
                    ru.dropAlert().fallPp(),
                    ru.dropAlert().underTargetPp(),
                    w.get("fai_growth"),
                    w.get("key_project"),
                    w.get("bond_completion"),
                    w.get("start_rate"),
                    ru.scorecard().bottomN(),
                    ru.scorecard().streak(),
                    tl.redBehindPp(),
                    tl.yellowBehindPp(),
                    tl.redLateMonths(),
                    tl.yellowLateMonths(),
                    y.dispatch().minTotalInvestmentWan(),
                    orNull(outlook, YearTargets.Outlook::withinReachPp),
                    orNull(outlook, YearTargets.Outlook::withinReachShare),
                    orNull(ru.consistency(), YearTargets.Consistency::growthVsProjectsFromMonth),
                    orNull(ru.consistency(), YearTargets.Consistency::projectsBelowShare),
                    orNull(ru.consistency(), YearTargets.Consistency::growthLowPp),
                    orNull(ru.consistency(), YearTargets.Consistency::projectsAboveShare),
                    orNull(ru.consistency(), YearTargets.Consistency::overPlanRatio),
                    orNull(ru.consistency(), YearTargets.Consistency::unitsVsCityWan)));
            kpis.add(RowFactory.create(
                    y.year(),
                    "fai_growth",
                    "全市固定资产投资增速",
                    y.faiGrowthPct().get(ref.cityTotal().code()),
                    "%"));
            kpis.add(RowFactory.create(
                    y.year(),
                    "key_project_count",
                    "省市重点项目个数",
                    (double) y.keyProjects().count(),
                    "个"));
            kpis.add(RowFactory.create(
                    y.year(),
                    "key_project_completed",
                    "省市重点项目完成投资",
                    y.keyProjects().completedYi().get(ref.cityTotal().code()),
                    "亿元"));
            kpis.add(RowFactory.create(
                    y.year(),
                    "new_start_total_investment",
                    "新开工项目总投资",
                    y.newStart().totalInvestmentYi(),
                    "亿元"));
            kpis.add(RowFactory.create(
                    y.year(), "new_start_completed", "新开工项目完成投资", y.newStart().completedYi(), "亿元"));
            kpis.add(RowFactory.create(
                    y.year(),
                    "private_promotion_count",
                    "向民间资本推介项目个数",
                    (double) y.privatePromotion().count(),
                    "个"));
            kpis.add(RowFactory.create(
                    y.year(),
                    "private_promotion_investment",
                    "向民间资本推介项目总投资",
                    y.privatePromotion().totalInvestmentYi(),
                    "亿元"));
        }
        view(
                spark,
                "ref_region_targets",
                "year INT, region_code STRING, fai_growth_pct DOUBLE, key_project_completed_yi DOUBLE",
                regionTargets);
        view(spark, "ref_sector_targets", "year INT, sector_code STRING, fai_growth_pct DOUBLE", sectorTargets);
        view(
                spark,
                "ref_rules",
                "year INT, drop_fall_pp DOUBLE, drop_under_target_pp DOUBLE, "
                        + "weight_fai_growth DOUBLE, weight_key_project DOUBLE, weight_bond_completion DOUBLE, weight_start_rate DOUBLE, "
                        + "bottom_n INT, streak INT, red_behind_pp DOUBLE, yellow_behind_pp DOUBLE, red_late_months INT, "
                        + "yellow_late_months INT, dispatch_min_wan DOUBLE, outlook_within_reach_pp DOUBLE, "
                        + "outlook_within_reach_share DOUBLE, consistency_growth_vs_projects_from_month INT, consistency_projects_below_share DOUBLE, "
                        + "consistency_growth_low_pp DOUBLE, consistency_projects_above_share DOUBLE, "
                        + "consistency_over_plan_ratio DOUBLE, consistency_units_vs_city_wan DOUBLE",
                rules);
        // the share of a year's investment done by the end of each month when the previous year's figures are not
        // loaded (rules.outlook.default_shape)
        view(spark, "ref_outlook_shape", "year INT, shape_code STRING, month INT, cumulative_share DOUBLE", shape);
        view(spark, "ref_kpi_targets", "year INT, kpi_code STRING, kpi_name STRING, target DOUBLE, unit STRING", kpis);
        // the years with a targets file: gold tells "no targets configured for the year" from "no target
        // for this unit" instead of leaving both as an empty cell
        List<Row> years = new ArrayList<>();
        ref.allTargets().keySet().forEach(y -> years.add(RowFactory.create(y)));
        view(spark, "ref_target_years", "year INT", years);
    }

    /** A setting of an optional block of the targets file: empty in SQL when an older file has no such block. */
    private static <T> Object orNull(T block, java.util.function.Function<T, Object> setting) {
        return block == null ? null : setting.apply(block);
    }

    private static void view(SparkSession spark, String name, String ddl, List<Row> rows) {
        spark.createDataFrame(rows, StructType.fromDDL(ddl)).createOrReplaceTempView(name);
    }
}
