package org.investlake.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The monthly project-library export (月调度) at PROVINCE or NATION scale: every project drawn
 * afresh by {@link ProjectDraw} and written as it is drawn, so a month of a million rows never
 * sits in memory and any month is written without the months before it.
 */
final class PlatformProjectWriter {
    static final List<Column> COLUMNS = List.of(
            Column.text("项目代码"),
            Column.text("项目名称"),
            Column.text("所属县市区"),
            Column.text("行业领域"),
            Column.text("项目级别"),
            Column.text("所属项目库"),
            Column.text("建设性质"),
            Column.whole("总投资(万元)"),
            Column.whole("年度计划投资(万元)"),
            Column.tenths("本年累计完成投资(万元)"),
            Column.date("计划开工时间"),
            Column.date("实际开工时间"),
            Column.text("是否民间投资推介"),
            Column.text("包联领导"),
            Column.text("责任单位"),
            Column.text("报送月份"));

    private final int year;
    private final ProjectDraw draw;

    PlatformProjectWriter(int year, ProjectDraw draw) {
        this.year = year;
        this.draw = draw;
    }

    List<Path> write(Path out, int month) throws IOException {
        String reportMonth = year + "-" + ExportText.two(month);
        try (RowSink t = CsvAndParquet.open(out, "projects", year + "年" + month + "月项目调度表", COLUMNS)) {
            for (long i = 0; i < draw.count(); i++) {
                Project p = draw.draw(i);
                t.row(
                        p.code,
                        p.name,
                        p.region.name(),
                        p.sector.name(),
                        p.level.label,
                        p.library,
                        p.stage(month),
                        p.totalWan,
                        p.planWan,
                        p.completedTenths[month],
                        day(p.plannedStart, p.plannedDay),
                        p.startedBy(year, month) ? day(p.actualStart, p.actualDay) : null,
                        p.promoted ? "是" : "否",
                        p.leader,
                        p.department,
                        reportMonth);
            }
            return t.paths();
        }
    }

    private static LocalDate day(YearMonth month, int day) {
        return month.atDay(day);
    }
}
