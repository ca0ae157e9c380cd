package org.investlake.ingest;

import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.investlake.reference.Labels;

/**
 * Numbers as exports write them: thousands separators ({@code 12,345.6}), full-width digits,
 * {@code —}/{@code -}/empty for missing; growth in words ({@code 下降1.2} is −1.2, {@code 增长5.3%} is
 * 5.3, {@code 1.5倍} is +150).
 */
public final class Numbers {
    private static final Set<String> MISSING =
            Set.of("", "-", "--", "—", "——", "–", "/", "…", "...", "无", "空", "null", "NULL", "N/A", "NA");
    private static final Pattern GROWTH =
            Pattern.compile("^(同比)?(增长|提高|上升|增加|下降|减少|回落|降低)?([+-]?\\d+(?:\\.\\d+)?)(%|个百分点)?$");
    private static final Pattern TIMES = Pattern.compile("^(同比)?(增长)?(\\d+(?:\\.\\d+)?)倍$");

    /** A parsed cell: missing (nothing there), invalid (something that is not a number), or a value. */
    public record Parsed(BigDecimal value, boolean invalid) {
        static final Parsed MISSING_VALUE = new Parsed(null, false);
        static final Parsed INVALID = new Parsed(null, true);

        public boolean missing() {
            return value == null && !invalid;
        }
    }

    private Numbers() {}

    /** Amounts are stored as decimal(18,2): anything at or above this cannot be a real amount. */
    private static final BigDecimal TOO_LARGE = new BigDecimal("1E16");

    public static Parsed amount(String raw) {
        String s = clean(raw);
        if (MISSING.contains(s)) {
            return Parsed.MISSING_VALUE;
        }
        try {
            BigDecimal v = new BigDecimal(s);
            return v.abs().compareTo(TOO_LARGE) >= 0 ? Parsed.INVALID : new Parsed(v, false);
        } catch (NumberFormatException e) {
            return Parsed.INVALID;
        }
    }

    public static Parsed growth(String raw) {
        String s = clean(raw);
        if (MISSING.contains(s)) {
            return Parsed.MISSING_VALUE;
        }
        if (s.equals("持平")) {
            return new Parsed(BigDecimal.ZERO, false);
        }
        Matcher t = TIMES.matcher(s);
        if (t.matches()) {
            return new Parsed(new BigDecimal(t.group(3)).movePointRight(2), false);
        }
        Matcher m = GROWTH.matcher(s);
        if (!m.matches()) {
            return Parsed.INVALID;
        }
        BigDecimal v = new BigDecimal(m.group(3));
        String word = m.group(2);
        if (word != null && (word.equals("下降") || word.equals("减少") || word.equals("回落") || word.equals("降低"))) {
            if (v.signum() < 0) {
                return Parsed.INVALID; // "下降-1.2" says the sign twice: ask, don't guess
            }
            v = v.negate();
        }
        return new Parsed(v, false);
    }

    private static String clean(String raw) {
        String s = Labels.fold(raw);
        if (s == null) {
            return "";
        }
        s = s.replace(",", "").replace("'", "");
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        return s;
    }

    // Spark SQL functions (registered by IngestFunctions): null for missing and invalid alike;
    // the *_invalid twins tell the two apart for the quality rules.
    public static Double amountOrNull(String raw) {
        Parsed p = amount(raw);
        return p.value() == null ? null : p.value().doubleValue();
    }

    public static Boolean amountInvalid(String raw) {
        return amount(raw).invalid();
    }

    public static Double growthOrNull(String raw) {
        Parsed p = growth(raw);
        return p.value() == null ? null : p.value().doubleValue();
    }

    public static Boolean growthInvalid(String raw) {
        return growth(raw).invalid();
    }
}
