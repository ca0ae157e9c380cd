package org.investlake.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the monthly special-bond progress report: every bond issued so far with its state at the
 * end of the month. At city scale odd months are UTF-8 CSV and even months Excel; larger scales are
 * CSV only. In {@link BondPortfolio#OVERSPENT_MONTH} one row reports spending above its bond.
 */
final class BondWriter {
    private static final Object[] HEADER = {
        "项目代码", "项目名称", "县市区", "债券批次", "发行金额(万元)", "发行日期", "年度计划投资(万元)", "累计完成投资(万元)", "已支出债券资金(万元)", "开工状态", "报送月份"
    };

    private final int year;
    private final BondPortfolio portfolio;
    private final SampleScale scale;

    BondWriter(int year, BondPortfolio portfolio, SampleScale scale) {
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
        ExportFormat format = scale.writesExcel() && m % 2 == 0 ? ExportFormat.XLSX : ExportFormat.CSV_UTF8;
        String reportMonth = year + "-" + ExportText.two(m);
        try (TableFile f = TableFile.open(dir, year + "年" + m + "月专项债券项目进展", format, "专项债券", YearMonth.of(year, m))) {
            f.line(year + "年" + m + "月地方政府专项债券项目进展情况");
            f.line("单位:万元");
            f.row(HEADER);
            Object[] row = new Object[HEADER.length];
            for (BondPortfolio.Bond b : portfolio.bonds()) {
                if (b.issueMonth() > m) {
                    continue;
                }
                long spent = b.spentTenths[m];
                if (m == BondPortfolio.OVERSPENT_MONTH && b == portfolio.overspent) {
                    // Spending of a neighbouring project booked against this bond: more than it raised.
                    spent = b.amountWan * 10 + b.amountWan * 10 / 8;
                }
                row[0] = b.code;
                row[1] = b.name;
                row[2] = b.region.name();
                row[3] = year + "年第" + ExportText.chineseNumber(b.batch) + "批";
                row[4] = f.whole(b.amountWan);
                row[5] = f.isExcel() ? b.issueDate : b.issueDate.toString();
                row[6] = f.whole(b.planWan);
                row[7] = f.amount(b.completedTenths[m], false);
                row[8] = f.amount(spent, false);
                row[9] = b.startedBy(m) ? "已开工" : "未开工";
                row[10] = reportMonth;
                f.row(row);
            }
            return f.path();
        }
    }
}
