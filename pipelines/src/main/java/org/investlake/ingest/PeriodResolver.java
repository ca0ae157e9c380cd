package org.investlake.ingest;

import java.time.YearMonth;
import java.util.ArrayList;
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
    static Optional<YearMonth> resolve(FileLayout layout, DataSummary data, Optional<YearMonth> option, String fileName)
            throws FileRejectedException {
        Optional<YearMonth> title = layout.titlePeriod();
        Set<YearMonth> inColumn = data.periodsInColumn();
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

    /**
     * Refuses a period that cannot be: after the current month (no statistics exist for it yet), or in a
     * year before the first one the city's profile has targets for. A later year without a targets file
     * loads; the note returned says gold will carry no targets for it.
     */
    static List<String> checkPossible(
            FileLayout layout,
            DataSummary data,
            Optional<YearMonth> fileWide,
            Set<Integer> targetYears,
            YearMonth now,
            String fileName)
            throws FileRejectedException {
        Set<YearMonth> periods = new TreeSet<>();
        fileWide.ifPresent(periods::add);
        if (fileWide.isEmpty()) {
            periods.addAll(data.periodsInColumn());
        }
        int firstYear = targetYears.stream().mapToInt(Integer::intValue).min().orElse(Integer.MIN_VALUE);
        Set<Integer> warned = new TreeSet<>();
        List<String> notes = new ArrayList<>();
        for (YearMonth p : periods) {
            if (p.isAfter(now)) {
                throw new FileRejectedException(
                        "period_possible",
                        fileName + ": 统计期 " + p + " 在本月(" + now + ")之后,还不可能有这一期的数据 — " + "请检查标题行、统计期列或 --period 是否写错");
            }
            if (p.getYear() < firstYear) {
                throw new FileRejectedException(
                        "period_possible",
                        fileName + ": 统计期 " + p + " 早于本市配置的第一个目标年份 " + firstYear + " 年 — "
                                + "请检查年份是否写错;如确需入库,请先在 config/targets/ 下添加 " + p.getYear() + " 年的目标文件");
            }
            if (!targetYears.contains(p.getYear()) && warned.add(p.getYear())) {
                notes.add("警告 " + fileName + ": 统计期 " + p + " 所在的 " + p.getYear() + " 年没有目标文件(config/targets/"
                        + p.getYear() + ".yaml),数据照常入库,但 gold 中该年的目标将为空");
            }
        }
        return notes;
    }

    private static FileRejectedException disagree(String fileName, String detail) {
        return new FileRejectedException("period_agrees", fileName + ": 统计期不一致 — " + detail);
    }
}
