package org.investlake.ingest;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A file's period: from its period column, else its title line, else {@code load --period}. None, or
 * two sources that disagree, rejects the file (docs/contract.md "Feeds").
 */
final class PeriodResolver {
    private PeriodResolver() {}

    /** The file-wide period (title or option); empty when only the period column gives periods. */
    static Optional<YearMonth> resolve(
            FileLayout layout, List<Grid.Row> dataRows, Optional<YearMonth> option, String fileName)
            throws FileRejectedException {
        Optional<YearMonth> title = layout.titlePeriod();
        Set<YearMonth> inColumn = new TreeSet<>();
        if (layout.has("period")) {
            int c = layout.columnIndex().get("period");
            for (Grid.Row r : dataRows) {
                Periods.parse(r.cell(c)).ifPresent(inColumn::add);
            }
        }
        String columnName = layout.headerText().getOrDefault("period", "统计期");
        if (title.isPresent() && option.isPresent() && !title.equals(option)) {
            throw disagree(
                    fileName, "标题行「" + layout.title() + "」写的是 " + title.get() + ",而 --period 指定的是 " + option.get());
        }
        for (Optional<YearMonth> fileWide : List.of(title, option)) {
            if (fileWide.isPresent()) {
                for (YearMonth p : inColumn) {
                    if (!p.equals(fileWide.get())) {
                        String source = fileWide == title ? "标题行「" + layout.title() + "」" : "--period";
                        throw disagree(fileName, source + "写的是 " + fileWide.get() + ",而「" + columnName + "」列里有 " + p);
                    }
                }
            }
        }
        Optional<YearMonth> fileWide = title.or(() -> option);
        if (fileWide.isEmpty() && inColumn.isEmpty()) {
            throw new FileRejectedException(
                    "period_known",
                    fileName
                            + ": 找不到统计期 — 文件没有统计期列,标题行也没有写明年月(如「2023年1-6月…」);"
                            + "请在标题中写明,或用 load --period 2023-06 指定");
        }
        return fileWide;
    }

    private static FileRejectedException disagree(String fileName, String detail) {
        return new FileRejectedException("period_agrees", fileName + ": 统计期不一致 — " + detail);
    }
}
