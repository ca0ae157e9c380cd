package org.investlake.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the monthly 项目库 export (月调度表): every project of the year with its state at the end of
 * the month. At city scale even months are Excel and odd months GBK CSV, as the platform and a clerk's
 * re-save alternate; larger scales write UTF-8 CSV only. The portfolio's three bad rows go out in
 * their months: a malformed code (6月), an overrun typo (9月), an unknown sector (11月).
 */
final class ProjectWriter {
    private static final Object[] HEADER = {
        "项目代码",
        "项目名称",
        "所属县市区",
        "行业领域",
        "项目级别",
        "所属项目库",
        "建设性质",
        "总投资(万元)",
        "年度计划投资(万元)",
        "本年累计完成投资(万元)",
        "计划开工时间",
        "实际开工时间",
        "是否民间投资推介",
        "包联领导",
        "责任单位",
        "报送月份"
    };

    private final int year;
    private final ProjectPortfolio portfolio;
    private final SampleScale scale;

    ProjectWriter(int year, ProjectPortfolio portfolio, SampleScale scale) {
        this.year = year;
        this.portfolio = portfolio;
        this.scale = scale;
    }

    List<Path> write(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            files.add(writeMonth(dir, m));
        }
        return files;
    }

    private Path writeMonth(Path dir, int m) throws IOException {
        ExportFormat format =
                !scale.writesExcel() ? ExportFormat.CSV_UTF8 : m % 2 == 0 ? ExportFormat.XLSX : ExportFormat.CSV_GBK;
        String reportMonth = year + "-" + ExportText.two(m);
        try (TableFile f =
                TableFile.open(dir, year + "年" + m + "月省市重点项目调度表", format, m + "月调度", YearMonth.of(year, m))) {
            f.line(year + "年" + m + "月全市省市重点及5000万元以上项目调度表");
            f.line("单位:万元");
            f.row(HEADER);
            Object[] row = new Object[HEADER.length];
            for (Project p : portfolio.projects()) {
                long completed = p.completedTenths[m];
                row[0] = m == ProjectPortfolio.BAD_CODE_MONTH && p == portfolio.badCode
                        ? p.code.substring(0, p.code.length() - 1) // a digit lost in re-typing
                        : p.code;
                row[1] = p.name;
                row[2] = p.region.name();
                row[3] = m == ProjectPortfolio.UNKNOWN_SECTOR_MONTH && p == portfolio.unknownSector
                        ? ProjectPortfolio.UNKNOWN_SECTOR
                        : p.sector.name();
                row[4] = p.level.label;
                row[5] = p.library;
                row[6] = p.stage(m);
                row[7] = f.whole(p.totalWan);
                row[8] = f.whole(p.planWan);
                row[9] = f.amount(
                        m == ProjectPortfolio.OVERRUN_MONTH && p == portfolio.overrun ? completed * 10 : completed,
                        false);
                row[10] = date(f, p.plannedStart, p.plannedDay, p.dateStyle);
                row[11] = p.startedBy(year, m) ? date(f, p.actualStart, p.actualDay, p.dateStyle) : null;
                row[12] = p.promoted ? "是" : "否";
                row[13] = p.leader;
                row[14] = p.department;
                row[15] = reportMonth;
                f.row(row);
            }
            return f.path();
        }
    }

    /** The same date the way this project's clerk writes it. */
    private static Object date(TableFile f, YearMonth ym, int day, int style) {
        return switch (style) {
            case 0 -> ym.toString();
            case 1 -> ym.getYear() + "年" + ym.getMonthValue() + "月";
            case 2 -> ym.getYear() + "/" + ym.getMonthValue() + "/" + day;
            default ->
                f.isExcel()
                        ? LocalDate.of(ym.getYear(), ym.getMonthValue(), day)
                        : ym.atDay(day).toString();
        };
    }
}
