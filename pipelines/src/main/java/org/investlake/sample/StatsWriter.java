package org.investlake.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.Sector;

/**
 * Writes the 统计局 tables of each period: 各县市区 (by region) and 全市分行业 (by sector). The
 * layout changes from month to month the way a bureau's does when different clerks fill the template
 * (encoding, header wording, separators, 下降 in words, aliases, full-width characters), and exactly
 * two bad rows are planted: 东城区 in 1-4月 and a 待核 growth in 1-8月.
 */
final class StatsWriter {
    static final int FOREIGN_ROW_MONTH = 4;
    static final String FOREIGN_REGION = "东城区";
    static final int PENDING_MONTH = 8;
    static final String PENDING = "待核";

    /** How one month's by-region table is written. */
    private record RegionLayout(
            ExportFormat format,
            int header,
            boolean grouped,
            boolean inWords,
            boolean aliases,
            boolean fullWidth,
            boolean totalAsCity,
            boolean blankBeforeNote) {}

    /** How one month's by-sector table is written. */
    private record SectorLayout(ExportFormat format, int header, boolean grouped, boolean fullWidth) {}

    private static final Map<Integer, RegionLayout> REGION_LAYOUT = Map.ofEntries(
            Map.entry(2, new RegionLayout(ExportFormat.CSV_UTF8_BOM, 0, false, false, false, false, false, true)),
            Map.entry(3, new RegionLayout(ExportFormat.CSV_GBK, 1, true, false, true, false, true, false)),
            Map.entry(4, new RegionLayout(ExportFormat.XLSX, 2, false, false, false, false, false, true)),
            Map.entry(5, new RegionLayout(ExportFormat.CSV_UTF8, 0, true, false, false, false, false, false)),
            Map.entry(6, new RegionLayout(ExportFormat.CSV_GBK, 3, false, false, false, true, true, true)),
            Map.entry(7, new RegionLayout(ExportFormat.CSV_UTF8_BOM, 2, true, true, true, false, false, false)),
            Map.entry(8, new RegionLayout(ExportFormat.XLSX, 0, false, false, false, false, false, false)),
            Map.entry(9, new RegionLayout(ExportFormat.CSV_GBK, 1, true, true, false, true, true, true)),
            Map.entry(10, new RegionLayout(ExportFormat.CSV_UTF8, 2, false, false, false, false, false, false)),
            Map.entry(11, new RegionLayout(ExportFormat.CSV_GBK, 0, true, true, true, false, true, true)),
            Map.entry(12, new RegionLayout(ExportFormat.XLSX, 1, false, false, false, false, false, false)));

    private static final Map<Integer, SectorLayout> SECTOR_LAYOUT = Map.ofEntries(
            Map.entry(2, new SectorLayout(ExportFormat.XLSX, 0, false, false)),
            Map.entry(3, new SectorLayout(ExportFormat.CSV_GBK, 1, true, false)),
            Map.entry(4, new SectorLayout(ExportFormat.CSV_UTF8_BOM, 2, false, true)),
            Map.entry(5, new SectorLayout(ExportFormat.XLSX, 1, false, false)),
            Map.entry(6, new SectorLayout(ExportFormat.XLSX, 0, false, false)),
            Map.entry(7, new SectorLayout(ExportFormat.CSV_GBK, 2, true, true)),
            Map.entry(8, new SectorLayout(ExportFormat.CSV_UTF8, 0, false, false)),
            Map.entry(9, new SectorLayout(ExportFormat.XLSX, 2, false, false)),
            Map.entry(10, new SectorLayout(ExportFormat.CSV_GBK, 1, true, false)),
            Map.entry(11, new SectorLayout(ExportFormat.XLSX, 0, false, true)),
            Map.entry(12, new SectorLayout(ExportFormat.CSV_UTF8_BOM, 1, true, false)));

    private final int year;
    private final ReferenceData ref;
    private final RegionSeries regions;
    private final SectorSeries sectors;
    private final Map<String, Double> sectorTargets;

    StatsWriter(
            int year,
            ReferenceData ref,
            RegionSeries regions,
            SectorSeries sectors,
            Map<String, Double> sectorTargets) {
        this.year = year;
        this.ref = ref;
        this.regions = regions;
        this.sectors = sectors;
        this.sectorTargets = sectorTargets;
    }

    /** The unit whose 1-8月 growth is 待核: a middling one, so the story around it stays intact. */
    Region pendingUnit() {
        List<Region> candidates = new ArrayList<>(regions.units());
        candidates.remove(regions.collapsing());
        candidates.remove(regions.laggard());
        candidates.sort(
                Comparator.comparingInt(r -> regions.cell(PENDING_MONTH, r).reported()));
        return candidates.get(candidates.size() / 2);
    }

    /** Writes both tables of every period; returns the files in write order. */
    List<Path> write(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int m = RegionSeries.FIRST; m <= RegionSeries.LAST; m++) {
            files.add(writeRegions(dir, m, REGION_LAYOUT.get(m)));
            files.add(writeSectors(dir, m, SECTOR_LAYOUT.get(m)));
        }
        return files;
    }

    private Path writeRegions(Path dir, int m, RegionLayout l) throws IOException {
        String period = "1-" + m + "月";
        Region pending = pendingUnit();
        try (TableFile f =
                TableFile.open(dir, year + "年" + period + "各县市区固定资产投资", l.format(), period, YearMonth.of(year, m))) {
            f.line(year + "年" + period + "各县市区固定资产投资完成情况");
            f.line("单位:万元");
            f.row(regionHeader(l.header(), period));
            List<RegionSeries.Cell> cells = regions.cells(m);
            for (int i = 0; i < cells.size(); i++) {
                Region r = regions.units().get(i);
                RegionSeries.Cell c = cells.get(i);
                Object growth = m == PENDING_MONTH && r.equals(pending) ? PENDING : f.growth(c.reported(), l.inWords());
                f.row(regionLabel(r, i, l), f.amount(c.ytd(), l.grouped()), f.amount(c.prev(), l.grouped()), growth);
            }
            if (m == FOREIGN_ROW_MONTH) {
                // A row pasted from another city's template: not a unit of this city, so it must be rejected.
                RegionSeries.Cell like = cells.get(cells.size() - 1);
                long ytd = like.ytd() * 7 / 10;
                long prev = like.prev() * 7 / 10;
                f.row(
                        FOREIGN_REGION,
                        f.amount(ytd, l.grouped()),
                        f.amount(prev, l.grouped()),
                        f.growth(ExportText.growthTenths(ytd, prev), l.inWords()));
            }
            RegionSeries.Cell t = regions.total(m);
            f.row(
                    totalLabel(l.totalAsCity()),
                    f.amount(t.ytd(), l.grouped()),
                    f.amount(t.prev(), l.grouped()),
                    f.growth(t.reported(), l.inWords()));
            if (l.blankBeforeNote()) {
                f.blank();
            }
            f.line(
                    m == RegionSeries.FIRST
                            ? "注:1-2月数据合并发布;增速按可比口径计算。"
                            : m % 2 == 0 ? "注:增速按可比口径计算。" : "注：本表为快报数据,增速按可比口径计算。");
            return f.path();
        }
    }

    private Path writeSectors(Path dir, int m, SectorLayout l) throws IOException {
        String period = "1-" + m + "月";
        try (TableFile f =
                TableFile.open(dir, year + "年" + period + "分行业固定资产投资", l.format(), period, YearMonth.of(year, m))) {
            f.line(year + "年" + period + "全市分行业固定资产投资情况");
            f.line("单位:万元");
            f.row(sectorHeader(l.header(), period));
            List<SectorSeries.Line> lines = sectors.lines(m);
            SectorSeries.Line total = lines.get(0);
            f.row(
                    totalSectorLabel(total.sector()),
                    f.amount(total.ytd(), l.grouped()),
                    f.growth(total.growth(), false));
            // The bureau prints breakdowns of the total (民间投资) under it, sub-sectors under their parent.
            for (SectorSeries.Line line : lines.subList(1, lines.size())) {
                if (isBreakdownOfTotal(line.sector())) {
                    f.row(
                            sectorLabel(line.sector(), l),
                            f.amount(line.ytd(), l.grouped()),
                            f.growth(line.growth(), false));
                }
            }
            for (SectorSeries.Line line : lines.subList(1, lines.size())) {
                if (!isBreakdownOfTotal(line.sector())) {
                    f.row(
                            sectorLabel(line.sector(), l),
                            f.amount(line.ytd(), l.grouped()),
                            f.growth(line.growth(), false));
                }
            }
            f.line("注:按可比口径计算,分行业数据不含跨地区项目。");
            return f.path();
        }
    }

    private boolean isBreakdownOfTotal(Sector s) {
        return s.parent() == null && !sectorTargets.containsKey(s.code());
    }

    private Object[] regionHeader(int variant, String period) {
        return switch (variant) {
            case 0 -> new Object[] {"县市区", "本年累计(万元)", "上年同期", period + "累计增速(%)"};
            case 1 -> new Object[] {"地区", "累计完成", "上年同期累计", "同比增长(%)"};
            case 2 -> new Object[] {"单位", year + "年" + period + "累计完成(万元)", "上年同期累计(万元)", "增速(%)"};
            default -> new Object[] {"县(市、区)", "本年累计（万元）", "上年同期（万元）", "比上年同期增长（%）"};
        };
    }

    private static Object[] sectorHeader(int variant, String period) {
        return switch (variant) {
            case 0 -> new Object[] {"行业领域", "本年累计(万元)", "同比增长(%)"};
            case 1 -> new Object[] {"行业", "累计完成(万元)", period + "累计增速(%)"};
            default -> new Object[] {"指标名称", "本年累计完成（万元）", "比上年同期增长（%）"};
        };
    }

    /** How a clerk typed the unit's name this month: its name, its short alias, or padded full-width. */
    private static String regionLabel(Region r, int index, RegionLayout l) {
        String name = r.name();
        if (l.aliases() && name.length() >= 4) {
            String shortest = null;
            for (String a : r.aliases()) {
                if (shortest == null || a.length() < shortest.length()) {
                    shortest = a;
                }
            }
            if (shortest != null && shortest.length() < name.length()) {
                return shortest;
            }
        }
        if (l.fullWidth()) {
            // Two-character names are padded to line up with three-character ones, as printed tables do.
            if (name.length() == 2) {
                return name.charAt(0) + "\u3000" + name.charAt(1);
            }
            if (index == 0) {
                return "\u3000" + name;
            }
        }
        return name;
    }

    private String totalLabel(boolean asCity) {
        Region city = ref.cityTotal();
        if (asCity) {
            return city.name();
        }
        return city.aliases().contains("合计") ? "合计" : city.name();
    }

    private String totalSectorLabel(Sector all) {
        String label = "固定资产投资";
        return ref.sector(label).filter(s -> s.equals(all)).isPresent() ? label : all.name();
    }

    /** Sub-sectors and breakdowns are printed indented under 其中：, the way the bureau's tables are. */
    private String sectorLabel(Sector s, SectorLayout l) {
        String name = l.fullWidth() ? s.name().replace('(', '（').replace(')', '）') : s.name();
        return s.parent() != null || isBreakdownOfTotal(s) ? "  其中：" + name : name;
    }
}
