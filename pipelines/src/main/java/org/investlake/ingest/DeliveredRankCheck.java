package org.investlake.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.investlake.quality.FeedSchema;
import org.investlake.reference.Labels;

/**
 * Compares a rank the bureau printed in the file (a 位次 / 排名 column) with the rank of the same row by
 * growth among the file's county-level units, and warns where they differ. The delivered rank is never
 * loaded or trusted: the warehouse ranks by growth as published (one decimal, ties share a place), so a
 * disagreement means either the printed rank or the printed growth is wrong, and the clerk should look.
 */
final class DeliveredRankCheck {
    static final String RULE = "rank_agrees";
    private static final Pattern DIGITS = Pattern.compile("^第?(\\d{1,3})(名|位)?$");

    private DeliveredRankCheck() {}

    /**
     * One warning per row whose delivered rank differs; none when the file has no rank column. The growth and
     * the region's kind come from {@code parsed}, the rows as the feed's silver SQL parsed them (growth as
     * reported, else computed from the amounts there), so nothing is parsed a second time here.
     */
    static List<String> check(
            FeedSchema schema, FileLayout layout, List<Grid.Row> dataRows, CheckedRows parsed, String fileName) {
        Optional<Integer> rankColumn = rankColumn(layout);
        if (rankColumn.isEmpty() || !layout.has("region") || !"stats".equals(schema.feed())) {
            return List.of();
        }
        Map<Integer, String> printed = new LinkedHashMap<>();
        dataRows.forEach(r -> printed.put(r.number(), r.cell(rankColumn.get())));
        // ranks are among the units of one period and sector (a by-region table of 工业 ranks 工业's units)
        Map<String, List<Ranked>> groups = new LinkedHashMap<>();
        for (Row r : parsed.all()) {
            if (!"unit".equals(r.getAs("region_kind"))) {
                continue;
            }
            int row = parsed.sourceRow(r);
            Double ytd = r.getAs("ytd_growth_pct");
            // as printed: one decimal, half up (as Spark's round, which gold ranks by)
            BigDecimal growth = ytd == null ? null : BigDecimal.valueOf(ytd).setScale(1, RoundingMode.HALF_UP);
            groups.computeIfAbsent(
                            r.<String>getAs("period") + "|" + r.<String>getAs("sector_code"), g -> new ArrayList<>())
                    .add(new Ranked(row, growth, delivered(printed.get(row))));
        }
        String header = layout.header().get(rankColumn.get());
        String template = schema.rule(RULE).message();
        List<String> out = new ArrayList<>();
        for (List<Ranked> units : groups.values()) {
            if (units.stream().anyMatch(u -> u.growth == null)) {
                continue; // a unit without growth has no place, so no place can be checked
            }
            for (Ranked u : units) {
                if (u.delivered == null) {
                    continue;
                }
                // competition ranking, as gold ranks: 1 + the units with strictly higher growth
                int ours = 1
                        + (int) units.stream()
                                .filter(o -> o.growth.compareTo(u.growth) > 0)
                                .count();
                if (ours != u.delivered) {
                    out.add(fileName + " 第" + u.row + "行 " + header + ": "
                            + template.replace("{value}", Integer.toString(u.delivered))
                                    .replace("{detail}", ours + "(增速 " + u.growth.toPlainString() + "%)"));
                }
            }
        }
        return out;
    }

    private static Optional<Integer> rankColumn(FileLayout layout) {
        for (int c = 0; c < layout.header().size(); c++) {
            String shown = layout.header().get(c);
            // under a two-level header the shown name is 1-6月/位次: the lowest level names the column
            String lowest = shown == null ? null : shown.substring(shown.lastIndexOf('/') + 1);
            if (!layout.columnIndex().containsValue(c)
                    && HeaderCell.parse(lowest).isRank()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static Integer delivered(String raw) {
        Matcher m = DIGITS.matcher(Labels.fold(raw == null ? "" : raw).strip());
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    private record Ranked(int row, BigDecimal growth, Integer delivered) {}
}
