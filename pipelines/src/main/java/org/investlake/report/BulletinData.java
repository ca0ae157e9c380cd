package org.investlake.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.investlake.reference.YearTargets;
import org.investlake.storage.TableVersions;
import org.investlake.storage.Warehouse;

/**
 * What one bulletin reads: the rows of one period of every gold mart, each at a given Delta version (the current
 * ones for a new bulletin, the recorded ones when reissuing), plus the year's thresholds from the targets file
 * the marts were built with. Nothing here computes a number; the bulletin only chooses, orders and formats.
 *
 * <p>A mart with no rows for the period means its feed has not arrived: {@link #missingFeeds()} names them in the
 * words a leader reads (6月专项债券数据尚未报送).
 */
public final class BulletinData {
    /** The gold marts a bulletin reads, in the order their versions are recorded. */
    public static final List<String> MARTS = List.of(
            "city_kpis",
            "region_growth",
            "sector_growth",
            "key_project_progress",
            "bond_progress",
            "region_scorecard",
            "project_watchlist",
            "target_outlook",
            "consistency_checks");

    private final String city;
    private final String cityCode;
    private final String period;
    private final Map<String, Long> versions;
    private final Map<String, List<Map<String, Object>>> rows;
    private final Optional<YearTargets> targets;

    private BulletinData(
            String city,
            String cityCode,
            String period,
            Map<String, Long> versions,
            Map<String, List<Map<String, Object>>> rows,
            Optional<YearTargets> targets) {
        this.city = city;
        this.cityCode = cityCode;
        this.period = period;
        this.versions = versions;
        this.rows = rows;
        this.targets = targets;
    }

    /** The current Delta version of every mart the bulletin reads ({@link TableVersions#ABSENT} for one not built). */
    public static Map<String, Long> currentVersions(Warehouse w) {
        TableVersions tv = new TableVersions(w);
        Map<String, Long> out = new LinkedHashMap<>();
        for (String m : MARTS) {
            out.put("gold." + m, tv.current("gold", m));
        }
        return out;
    }

    /** The period's rows of every mart, read at {@code versions} (gold.NAME → version) with Delta time travel. */
    public static BulletinData read(Warehouse w, String period, Map<String, Long> versions) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String m : MARTS) {
            Long v = versions.get("gold." + m);
            List<Map<String, Object>> out = new ArrayList<>();
            if (v != null && v >= 0) {
                List<Row> read = w.spark()
                        .read()
                        .format("delta")
                        .option("versionAsOf", v)
                        .load(w.location("gold", m))
                        .where(functions.col("period").equalTo(period))
                        .collectAsList();
                for (Row r : read) {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (String f : r.schema().fieldNames()) {
                        map.put(f, r.get(r.fieldIndex(f)));
                    }
                    out.add(map);
                }
            }
            rows.put(m, out);
        }
        int year = Integer.parseInt(period.substring(0, 4));
        return new BulletinData(
                w.reference().city(),
                w.reference().cityTotal().code(),
                period,
                new LinkedHashMap<>(versions),
                rows,
                w.reference().targets(year));
    }

    /** For tests and tools: data put together by hand. */
    static BulletinData of(
            String city,
            String cityCode,
            String period,
            Map<String, Long> versions,
            Map<String, List<Map<String, Object>>> rows,
            Optional<YearTargets> targets) {
        return new BulletinData(city, cityCode, period, versions, rows, targets);
    }

    /** The region code of the 全市 rows. */
    public String cityCode() {
        return cityCode;
    }

    public String city() {
        return city;
    }

    public String period() {
        return period;
    }

    public int year() {
        return Integer.parseInt(period.substring(0, 4));
    }

    public int month() {
        return Integer.parseInt(period.substring(5, 7));
    }

    /** "1-6月" (the year-to-date span a FAI figure covers); "1月" for January. */
    public String span() {
        return month() == 1 ? "1月" : "1-" + month() + "月";
    }

    /** The versions read, gold.NAME → version. */
    public Map<String, Long> versions() {
        return versions;
    }

    /** "gold.city_kpis=3,gold.region_growth=5,…" as recorded in ops.bulletins. */
    public String versionsText() {
        return format(versions);
    }

    public static String format(Map<String, Long> versions) {
        StringBuilder b = new StringBuilder();
        versions.forEach((k, v) ->
                b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }

    /** The inverse of {@link #format}. */
    public static Map<String, Long> parse(String text) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                String[] kv = part.split("=", 2);
                out.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
            }
        }
        return out;
    }

    public Optional<YearTargets> targets() {
        return targets;
    }

    /** The period's rows of one mart, sorted by {@code order} (then as read). */
    public List<Map<String, Object>> rows(String mart, Comparator<Map<String, Object>> order) {
        List<Map<String, Object>> out = new ArrayList<>(rows.getOrDefault(mart, List.of()));
        out.sort(order);
        return out;
    }

    public List<Map<String, Object>> rows(String mart) {
        return rows(mart, Comparator.comparing(r -> String.valueOf(r.get("region_code"))));
    }

    /** Whether a feed's data is in the period: statistics (region_growth), project library, special bonds. */
    public boolean hasStats() {
        return !rows.getOrDefault("region_growth", List.of()).isEmpty();
    }

    public boolean hasProjects() {
        return !rows.getOrDefault("key_project_progress", List.of()).isEmpty();
    }

    public boolean hasBonds() {
        return !rows.getOrDefault("bond_progress", List.of()).isEmpty();
    }

    /**
     * Whether the bulletin read {@code mart} at all: a bulletin recorded before the mart existed is reissued without
     * its section, as it was first written, rather than with a section saying its data is missing.
     */
    public boolean reads(String mart) {
        return versions.containsKey("gold." + mart);
    }

    public boolean hasSectors() {
        return !rows.getOrDefault("sector_growth", List.of()).isEmpty();
    }

    /** The data that has not arrived, as a leader reads it: 「1-6月固定资产投资统计数据尚未报送」. */
    public List<String> missingFeeds() {
        List<String> out = new ArrayList<>();
        if (!hasStats()) {
            out.add(span() + "固定资产投资统计数据尚未报送");
        } else if (!hasSectors()) {
            out.add(span() + "分行业领域固定资产投资数据尚未报送");
        }
        if (!hasProjects()) {
            out.add(month() + "月项目库数据尚未报送");
        }
        if (!hasBonds()) {
            out.add(month() + "月专项债券数据尚未报送");
        }
        return out;
    }

    /** The 全市 row of a mart keyed by region (region_code of the city total), if the period has one. */
    public Optional<Map<String, Object>> cityRow(String mart) {
        return rows.getOrDefault(mart, List.of()).stream()
                .filter(r -> cityCode.equals(r.get("region_code")))
                .findFirst();
    }

    /** The city_kpis row of one KPI. */
    public Optional<Map<String, Object>> kpi(String code) {
        return rows.getOrDefault("city_kpis", List.of()).stream()
                .filter(r -> code.equals(r.get("kpi_code")))
                .findFirst();
    }

    /** A cell as a BigDecimal (null stays null). */
    public static BigDecimal dec(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Float f) {
            return new BigDecimal(Float.toString(f));
        }
        if (v instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return new BigDecimal(v.toString());
    }

    public static String str(Object v) {
        return v == null ? null : v.toString();
    }
}
