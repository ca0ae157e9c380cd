package org.investlake.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How the bulletin writes numbers: half-up rounding, fixed decimals, a dash for a missing value. */
final class Fmt {
    static final String MISSING = "—";

    private Fmt() {}

    /** One decimal: 7.4, −2.0 (growth, percentage points). */
    static String d1(BigDecimal v) {
        return v == null ? MISSING : v.setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** Absolute value, one decimal (for 高于/低于 … 个百分点). */
    static String abs1(BigDecimal v) {
        return d1(v == null ? null : v.abs());
    }

    /** A rate 0..1 as a percentage with one decimal, without the % sign: 0.523 → 52.3. */
    static String pct(BigDecimal rate) {
        return rate == null
                ? MISSING
                : rate.multiply(BigDecimal.valueOf(100))
                        .setScale(1, RoundingMode.HALF_UP)
                        .toPlainString();
    }

    /** Money with two decimals and thousands separators: 16,000.00. */
    static String d2(BigDecimal v) {
        if (v == null) {
            return MISSING;
        }
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(v);
    }

    /** A count or an amount as the marts give it, without trailing zeros: 420, 12.5. */
    static String plain(BigDecimal v) {
        return v == null ? MISSING : v.stripTrailingZeros().toPlainString();
    }

    /** A cell of a ReportTable column as printed. */
    static String cell(Object v, String kind) {
        if (v == null) {
            return MISSING;
        }
        return switch (kind) {
            case "integer" -> v instanceof Number n ? Long.toString(n.longValue()) : v.toString();
            case "decimal1" -> d1(BulletinData.dec(v));
            case "decimal2" -> d2(BulletinData.dec(v));
            case "percent1" -> pct(BulletinData.dec(v)) + "%";
            default -> v.toString();
        };
    }
}
