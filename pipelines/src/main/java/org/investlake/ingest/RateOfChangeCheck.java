package org.investlake.ingest;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.investlake.quality.FeedSchema;

/**
 * Flags a value that moves far more than its own history suggests (rule {@code rate_of_change}, action {@code flag}:
 * the row loads, ops.dq_results counts it, the load report shows it as 异动). For each series of the feed's
 * {@code rate_of_change} declaration (a region's growth in one sector), the move of a delivered month from the month
 * before is compared with the series' other moves in the same year — silver and the batch's earlier files together
 * ({@code FEED_history}), so months delivered out of order count too: a robust z-score (move − median) /
 * (1.4826 × MAD), the median absolute deviation scaled to a standard deviation, beyond {@link #Z} over at least
 * {@link #MIN_OTHER_MOVES} other moves, and a move at least the declaration's {@code min_move} from the median.
 * Robust, so one odd month does not hide another; nothing is flagged before a series has a history.
 *
 * <p>Declared for statistics only. A project's or a bond's monthly increase follows its works (nothing before the
 * start, then an S-curve, payments in lumps), so its own history does not say what is unusual; their falls and
 * their excesses are checked elsewhere (rules, gold.consistency_checks).
 *
 * <p>Computed here rather than with Deequ: Deequ's anomaly checks judge one metric of a whole dataset across its
 * runs (a file's row count, a column's mean), not each of hundreds of series within it. Statistics are a few hundred
 * rows a month even for the nation, so the year's values are collected and the medians taken here: two small reads
 * per file instead of a Spark job with joins.
 */
final class RateOfChangeCheck {
    static final String RULE = "rate_of_change";
    /** Iglewicz and Hoaglin's cut-off for the modified z-score. */
    static final double Z = 3.5;

    static final int MIN_OTHER_MOVES = 4;

    private RateOfChangeCheck() {}

    /** One message per flagged value, the largest moves first. */
    static List<String> check(SparkSession spark, FeedSchema schema, DeliveryFold.Kept kept, String fileName) {
        FeedSchema.RateOfChange roc = schema.rateOfChange();
        String history = schema.feed() + "_history";
        if (roc == null || kept.count() == 0 || !spark.catalog().tableExists(history)) {
            return List.of();
        }
        // a series as one key, its value as a double: the same three columns of the delivered rows and of the history
        Column seriesKey = functions.concat_ws(
                "|", roc.series().stream().map(functions::col).toArray(Column[]::new));
        Column value = functions.col(roc.metric()).cast("double");
        Column known = functions.col(roc.metric()).isNotNull();
        List<Row> delivered = kept.toDataset(spark)
                .where(known.and(functions.col("period").isNotNull()))
                .select(seriesKey, functions.col("period"), value, functions.expr(roc.name()))
                .collectAsList();
        if (delivered.isEmpty()) {
            return List.of();
        }
        Set<String> periods = delivered.stream().map(r -> r.getString(1)).collect(Collectors.toSet());
        Object[] years = periods.stream().map(p -> p.substring(0, 4)).distinct().toArray();
        // series and year → month → value; the delivered values replace the history's for their periods
        Map<String, TreeMap<Integer, Double>> values = new HashMap<>();
        for (Row r : spark.table(history)
                .where(known.and(functions
                                .substring(functions.col("period"), 1, 4)
                                .isin(years))
                        .and(functions.not(functions.col("period").isin(periods.toArray()))))
                .select(seriesKey, functions.col("period"), value)
                .collectAsList()) {
            put(values, r.getString(0), YearMonth.parse(r.getString(1)), r.getDouble(2));
        }
        for (Row r : delivered) {
            put(values, r.getString(0), YearMonth.parse(r.getString(1)), r.getDouble(2));
        }
        List<Flag> flags = new ArrayList<>();
        for (Row r : delivered) {
            YearMonth period = YearMonth.parse(r.getString(1));
            int month = period.getMonthValue();
            TreeMap<Integer, Double> series = values.get(key(r.getString(0), period));
            Map<Integer, Double> moves = new TreeMap<>();
            series.forEach((m, v) -> {
                Double before = series.get(m - 1);
                if (before != null) {
                    moves.put(m, v - before);
                }
            });
            Double move = moves.remove(month);
            if (move == null || moves.size() < MIN_OTHER_MOVES) {
                continue;
            }
            double[] others =
                    moves.values().stream().mapToDouble(Double::doubleValue).toArray();
            double median = median(others);
            double mad =
                    median(Arrays.stream(others).map(d -> Math.abs(d - median)).toArray());
            double off = Math.abs(move - median);
            Double z = mad > 0 ? (move - median) / (1.4826 * mad) : null;
            if (off >= roc.minMove() && (z == null || Math.abs(z) > Z)) {
                flags.add(new Flag(
                        r.getString(3), month, series.get(month), series.get(month - 1), move, median, z, off));
            }
        }
        flags.sort(Comparator.comparingDouble(Flag::off).reversed().thenComparing(Flag::name));
        return flags.stream().map(f -> f.message(roc, schema, fileName)).toList();
    }

    private record Flag(
            String name, int month, double value, double before, double move, double median, Double z, double off) {
        String message(FeedSchema.RateOfChange roc, FeedSchema schema, String fileName) {
            return String.format(
                    "%s: %s%s%d月%s%.1f%s(上月%.1f%s),变动%.1f%s,本年其他月份变动中位数%.1f%s%s,远超以往波动,请核实",
                    fileName,
                    name,
                    schema.snapshotPerPeriod() ? "" : "1-",
                    month,
                    roc.label(),
                    value,
                    roc.valueUnit(),
                    before,
                    roc.valueUnit(),
                    move,
                    roc.unit(),
                    median,
                    roc.unit(),
                    z == null ? "(本年其他月份变动都相同)" : String.format(",稳健Z值%.1f", z));
        }
    }

    private static void put(Map<String, TreeMap<Integer, Double>> values, String series, YearMonth period, double v) {
        values.computeIfAbsent(key(series, period), k -> new TreeMap<>()).put(period.getMonthValue(), v);
    }

    /** A series within one year: its moves never cross a year (1-2月 starts the year again). */
    private static String key(String series, YearMonth period) {
        return series + "@" + period.getYear();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
