package org.investlake.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The monthly special-bond progress report at PROVINCE or NATION scale: every bond issued by the
 * month's end, drawn afresh by {@link BondDraw} and written as it is drawn.
 */
final class PlatformBondWriter {
    static final List<Column> COLUMNS = List.of(
            Column.text("项目代码"),
            Column.text("项目名称"),
            Column.text("县市区"),
            Column.text("债券批次"),
            Column.whole("发行金额(万元)"),
            Column.date("发行日期"),
            Column.whole("年度计划投资(万元)"),
            Column.tenths("累计完成投资(万元)"),
            Column.tenths("已支出债券资金(万元)"),
            Column.text("开工状态"),
            Column.text("报送月份"));

    private final int year;
    private final BondDraw draw;

    PlatformBondWriter(int year, BondDraw draw) {
        this.year = year;
        this.draw = draw;
    }

    List<Path> write(Path out, int month) throws IOException {
        String reportMonth = year + "-" + ExportText.two(month);
        try (RowSink t = CsvAndParquet.open(out, "bonds", year + "年" + month + "月专项债券项目进展", COLUMNS)) {
            for (long i = 0; i < draw.count(); i++) {
                BondPortfolio.Bond b = draw.draw(i);
                if (b.issueMonth() > month) {
                    continue;
                }
                t.row(
                        b.code,
                        b.name,
                        b.region.name(),
                        year + "年第" + ExportText.chineseNumber(b.batch) + "批",
                        b.amountWan,
                        b.issueDate,
                        b.planWan,
                        b.completedTenths[month],
                        b.spentTenths[month],
                        b.startedBy(month) ? "已开工" : "未开工",
                        reportMonth);
            }
            return t.paths();
        }
    }
}
