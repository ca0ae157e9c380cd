package org.investlake.ingest;

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

    /** 万元 per unit of the stated unit, for amount columns; empty when the unit is not an amount. */
    Optional<Double> wanFactor() {
        return UnitLine.factorOf(unit);
    }
}
