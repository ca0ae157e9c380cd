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
import org.apache.spark.sql.functions;
import org.investlake.quality.FeedSchema;
import org.investlake.storage.Warehouse;

/**
 * Flags a value that moves far more than its own history suggests (rule {@code rate_of_change}, action {@code flag}:
 * the row loads, ops.dq_results counts it, the load report shows it as 异动). For each series of the feed's
 * {@code rate_of_change} declaration (a region's growth in one sector), the move of a delivered month from the month
 * before is compared with the series' other moves in the same year — silver and the batch's earlier files together
 * (as the feed's history view holds them), so months delivered out of order count too: a robust z-score (move − median) /
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
 * rows a month even for the nation (a few tens of thousands), so the year's values are collected and the medians
 * taken here. Silver is read once per year for all the files of a load or a batch (it does not change until they are
 * written); the batch's earlier files and the delivered rows are local rows, read without a Spark job.
 */
final class RateOfChangeCheck {
    static final String RULE = "rate_of_change";
    /** Iglewicz and Hoaglin's cut-off for the modified z-score. */
    static final double Z = 3.5;

    static final int MIN_OTHER_MOVES = 4;

    private final Warehouse warehouse;
    /** Silver's values of a feed in a year, by "feed@year": series@year → month → value. */
    private final Map<String, Map<String, TreeMap<Integer, Double>>> silver = new HashMap<>();

    /** For the files checked before anything of them is written: one load, or one batch. */
    RateOfChangeCheck(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /**
     * One message per flagged value, the largest moves first. {@code earlier}: the kept rows of the batch's files
     * of this feed checked before this one, in the order the batch checks them (period order), merged into silver with it.
     */
    List<String> check(FeedSchema schema, DeliveryFold.Kept kept, List<DeliveryFold.Kept> earlier, String fileName) {
        FeedSchema.RateOfChange roc = schema.rateOfChange();
        if (roc == null || kept.count() == 0) {
            return List.of();
        }
        List<Row> delivered = values(schema, kept).stream()
                .filter(r -> !r.isNullAt(2) && !r.isNullAt(1))
                .toList();
        if (delivered.isEmpty()) {
            return List.of();
        }
        Set<String> periods = delivered.stream().map(r -> r.getString(1)).collect(Collectors.toSet());
        // series and year → month → value: silver, then the batch's earlier files as their MERGE will leave it, then
        // the delivered values, which replace everything of their periods
        Map<String, TreeMap<Integer, Double>> values = new HashMap<>();
        periods.stream()
                .map(p -> p.substring(0, 4))
                .distinct()
                .forEach(year -> silverOf(schema, year).forEach((k, months) -> values.put(k, new TreeMap<>(months))));
        if (!earlier.isEmpty()) {
            // the earlier files folded as their MERGE folds them, then laid over silver as the MERGE will
            List<Row> rows = values(schema, DeliveryFold.fold(schema, earlier));
            if (schema.snapshotPerPeriod()) { // a snapshot feed's delivery replaces its months whole
                rows.forEach(r -> remove(values, r.getString(1)));
            }
            for (Row r : rows) {
                YearMonth period = YearMonth.parse(r.getString(1));
                if (!r.isNullAt(2)) {
                    put(values, r.getString(0), period, r.getDouble(2));
                } else if (!schema.keepLoadedWhenMissing() && values.containsKey(key(r.getString(0), period))) {
                    // the row replaces silver's, without a value; a feed that keeps loaded values keeps silver's
                    values.get(key(r.getString(0), period)).remove(period.getMonthValue());
                }
            }
        }
        periods.forEach(p -> remove(values, p));
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
                    // decimal figures held as binary fractions: 8.3 − 8.1 is 0.20000000000000107, and a median of
                    // such moves that is 0.15 on paper would read 0.1; to a millionth, it reads 0.2 as by hand
                    moves.put(m, Math.rint((v - before) * 1e6) / 1e6);
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

    /**
     * A delivery's rows as (series, period, value, name): held rows are a local relation, so Spark evaluates this
     * on the driver without a job.
     */
    private List<Row> values(FeedSchema schema, DeliveryFold.Kept kept) {
        return kept.toDataset(warehouse.spark())
                .select(
                        seriesKey(schema.rateOfChange()),
                        col("period"),
                        value(schema.rateOfChange()),
                        functions.expr(schema.rateOfChange().name()))
                .collectAsList();
    }

    /** Silver's known values of {@code year}, read once. */
    private Map<String, TreeMap<Integer, Double>> silverOf(FeedSchema schema, String year) {
        return silver.computeIfAbsent(schema.feed() + "@" + year, k -> {
            Map<String, TreeMap<Integer, Double>> out = new HashMap<>();
            if (!warehouse.exists("silver", schema.feed())) {
                return out;
            }
            FeedSchema.RateOfChange roc = schema.rateOfChange();
            for (Row r : warehouse
                    .spark()
                    .table("silver." + schema.feed())
                    .where(col(roc.metric())
                            .isNotNull()
                            .and(functions.substring(col("period"), 1, 4).equalTo(year)))
                    .select(seriesKey(roc), col("period"), value(roc))
                    .collectAsList()) {
                put(out, r.getString(0), YearMonth.parse(r.getString(1)), r.getDouble(2));
            }
            return out;
        });
    }

    /** A series as one key: the same expression over the delivered rows and silver. */
    private static Column seriesKey(FeedSchema.RateOfChange roc) {
        return functions.concat_ws(
                "|", roc.series().stream().map(functions::col).toArray(Column[]::new));
    }

    private static Column value(FeedSchema.RateOfChange roc) {
        return col(roc.metric()).cast("double");
    }

    private static Column col(String name) {
        return functions.col(name);
    }

    /** Every series' value of {@code period}. */
    private static void remove(Map<String, TreeMap<Integer, Double>> values, String period) {
        YearMonth p = YearMonth.parse(period);
        String year = "@" + p.getYear();
        values.forEach((k, months) -> {
            if (k.endsWith(year)) {
                months.remove(p.getMonthValue());
            }
        });
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
