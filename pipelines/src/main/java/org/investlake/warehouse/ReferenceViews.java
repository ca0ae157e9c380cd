package org.investlake.warehouse;

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
 * ref_sector_targets, ref_rules). Analysts see the same views in {@code investlake sql}.
 */
public final class ReferenceViews {
  private ReferenceViews() {}

  public static void register(SparkSession spark, ReferenceData ref) {
    List<Row> regions = new ArrayList<>();
    int order = 0;
    for (Region r : ref.regions()) {
      regions.add(RowFactory.create(r.code(), r.name(), r.kind().name().toLowerCase(), order++));
    }
    view(spark, "ref_regions",
        "region_code STRING, region_name STRING, kind STRING, sort_order INT", regions);

    List<Row> regionLabels = new ArrayList<>();
    ref.regionLabels().forEach((label, r) -> regionLabels.add(RowFactory.create(label, r.code())));
    view(spark, "ref_region_labels", "label STRING, region_code STRING", regionLabels);

    List<Row> sectors = new ArrayList<>();
    order = 0;
    for (Sector s : ref.sectors()) {
      sectors.add(RowFactory.create(s.code(), s.name(), s.parent(), order++));
    }
    view(spark, "ref_sectors",
        "sector_code STRING, sector_name STRING, parent_code STRING, sort_order INT", sectors);

    List<Row> sectorLabels = new ArrayList<>();
    ref.sectorLabels().forEach((label, s) -> sectorLabels.add(RowFactory.create(label, s.code())));
    view(spark, "ref_sector_labels", "label STRING, sector_code STRING", sectorLabels);

    List<Row> regionTargets = new ArrayList<>();
    List<Row> sectorTargets = new ArrayList<>();
    List<Row> rules = new ArrayList<>();
    for (YearTargets y : ref.allTargets().values()) {
      for (Region r : ref.regions()) {
        Double growth = y.faiGrowthPct() == null ? null : y.faiGrowthPct().get(r.code());
        Double keyYi = y.keyProjects() == null ? null : y.keyProjects().completedYi().get(r.code());
        regionTargets.add(RowFactory.create(y.year(), r.code(), growth, keyYi));
      }
      for (Map.Entry<String, Double> e : y.sectorGrowthPct().entrySet()) {
        sectorTargets.add(RowFactory.create(y.year(), e.getKey(), e.getValue()));
      }
      YearTargets.Rules ru = y.rules();
      rules.add(RowFactory.create(y.year(), ru.dropAlert().fallPp(), ru.dropAlert().underTargetPp()));
    }
    view(spark, "ref_region_targets",
        "year INT, region_code STRING, fai_growth_pct DOUBLE, key_project_completed_yi DOUBLE",
        regionTargets);
    view(spark, "ref_sector_targets",
        "year INT, sector_code STRING, fai_growth_pct DOUBLE", sectorTargets);
    view(spark, "ref_rules",
        "year INT, drop_fall_pp DOUBLE, drop_under_target_pp DOUBLE", rules);
  }

  private static void view(SparkSession spark, String name, String ddl, List<Row> rows) {
    spark.createDataFrame(rows, StructType.fromDDL(ddl)).createOrReplaceTempView(name);
  }
}
