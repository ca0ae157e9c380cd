package org.investlake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.investlake.reference.Labels;

/**
 * A header cell split into the name an alias is matched on and the unit it states:
 * {@code 2023年1-6月累计完成(万元)} is name {@code 累计完成}, unit {@code 万元}.
 */
record HeaderCell(String original, String name, String unit) {
    private static final Pattern PERIOD_PREFIX =
            Pattern.compile("^(\\d{4}年)?(\\d{1,2}\\s*[-~～至—–]\\s*\\d{1,2}月|\\d{1,2}月)?(份)?");
    private static final Pattern UNIT_SUFFIX = Pattern.compile("[(\\[]([^)\\]]*)[)\\]]$");
    private static final Pattern BARE_PERCENT = Pattern.compile("%$");

    static HeaderCell parse(String raw) {
        String s = Labels.fold(raw);
        if (s == null) {
            return new HeaderCell(raw, "", null);
        }
        String unit = null;
        Matcher u = UNIT_SUFFIX.matcher(s);
        if (u.find()) {
            unit = u.group(1).replace("单位:", "").replace("单位", "");
            s = s.substring(0, u.start());
        } else if (BARE_PERCENT.matcher(s).find()) {
            unit = "%";
            s = s.substring(0, s.length() - 1);
        }
        s = PERIOD_PREFIX.matcher(s).replaceFirst("");
        return new HeaderCell(raw, s, unit);
    }

    /**
     * One name for a column under a header of several rows, as a person reads it: the levels top to
     * bottom, each without its period prefix (1-6月 / 同比增长(%) is 同比增长), a level repeating the one
     * above (a merged cell filled down) counted once, with the lowest unit stated ("同比增长(%)").
     */
    static String join(List<String> levels) {
        StringBuilder name = new StringBuilder();
        String unit = null;
        String previous = null;
        for (String level : levels) {
            if (Labels.isBlank(level) || level.equals(previous)) {
                continue;
            }
            previous = level;
            HeaderCell h = parse(level);
            name.append(h.name());
            unit = h.unit() != null ? h.unit() : unit;
        }
        return unit == null ? name.toString() : name + "(" + unit + ")";
    }

    /** The levels as the clerk sees them, for messages: "1-6月/同比增长(%)". */
    static String shown(List<String> levels) {
        List<String> out = new ArrayList<>();
        for (String level : levels) {
            if (!Labels.isBlank(level)
                    && (out.isEmpty() || !out.get(out.size() - 1).equals(level.strip()))) {
                out.add(level.strip());
            }
        }
        return String.join("/", out);
    }

    /** A rank the bureau printed (位次, 排名): compared with the rank by growth, never loaded. */
    boolean isRank() {
        return switch (name) {
            case "位次", "排名", "名次", "排位", "排序" -> true;
            default -> false;
        };
    }

    /**
     * A column the loader recognises and leaves out, with the note the report gives: a delivered rank
     * (位次, 排名) — ranks are computed from growth, and the delivered one is compared with them — or remarks.
     */
    Optional<String> ignoredNote() {
        if (isRank()) {
            return Optional.of("是报送方排出的名次,未入库:排名由本系统按增速计算,并与报送的名次比对(不一致时警告)");
        }
        return switch (name) {
            case "备注", "说明" -> Optional.of("是备注,未入库(原文保留在 bronze 中)");
            default -> Optional.empty();
        };
    }

    /** 万元 per unit of the stated unit, for amount columns; empty when the unit is not an amount. */
    Optional<Double> wanFactor() {
        return UnitLine.factorOf(unit);
    }
}
