package org.investlake.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.Sector;

/**
 * The 统计局 tables of one period at PROVINCE or NATION scale, as a statistics platform exports
 * them: a period column instead of a title line (Parquet has no title), every unit by name, the
 * total last; by sector the all-sectors row first. Clean data: the layouts, aliases and bad rows
 * of the city sample are for testing the loader, not for benchmarks.
 */
final class PlatformStatsWriter {
    static final List<Column> BY_REGION = List.of(
            Column.text("统计期"),
            Column.text("县市区"),
            Column.tenths("本年累计(万元)"),
            Column.tenths("上年同期(万元)"),
            Column.tenths("同比增长(%)"));
    static final List<Column> BY_SECTOR =
            List.of(Column.text("统计期"), Column.text("行业"), Column.tenths("本年累计(万元)"), Column.tenths("同比增长(%)"));

    private final int year;
    private final ReferenceData ref;
    private final RegionSeries regions;
    private final SectorSeries sectors;

    PlatformStatsWriter(int year, ReferenceData ref, RegionSeries regions, SectorSeries sectors) {
        this.year = year;
        this.ref = ref;
        this.regions = regions;
        this.sectors = sectors;
    }

    /** Both tables of period 1-{@code month}月 (none for January: it is never published alone). */
    List<Path> write(Path out, int month) throws IOException {
        if (month < RegionSeries.FIRST) {
            return List.of();
        }
        String period = year + "年1-" + month + "月";
        List<Path> files = new ArrayList<>();
        try (RowSink t = CsvAndParquet.open(out, "stats", period + "各县市区固定资产投资", BY_REGION)) {
            List<RegionSeries.Cell> cells = regions.cells(month);
            for (int i = 0; i < cells.size(); i++) {
                RegionSeries.Cell c = cells.get(i);
                t.row(period, regions.units().get(i).name(), c.ytd(), c.prev(), (long) c.reported());
            }
            RegionSeries.Cell total = regions.total(month);
            Region city = ref.cityTotal();
            t.row(period, city.name(), total.ytd(), total.prev(), (long) total.reported());
            files.addAll(t.paths());
        }
        try (RowSink t = CsvAndParquet.open(out, "stats", period + "分行业固定资产投资", BY_SECTOR)) {
            for (SectorSeries.Line line : sectors.lines(month)) {
                Sector s = line.sector();
                t.row(period, s.name(), line.ytd(), (long) line.growth());
            }
            files.addAll(t.paths());
        }
        return files;
    }
}
