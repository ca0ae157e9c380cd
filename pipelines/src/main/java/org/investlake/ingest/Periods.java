package org.investlake.ingest;

import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.investlake.reference.Labels;

/**
 * Year-to-date periods as bureaus write them: {@code 2023-06}, {@code 202306}, {@code 2023年6月},
 * {@code 2023年1-6月}, {@code 2023/6}, {@code 2023.06}, a date {@code 2023-06-30}. All mean "through June".
 */
public final class Periods {
    private static final String DASH = "[-~～至—–]";
    private static final Pattern YEAR_MONTH = Pattern.compile("^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*月?(份)?$");
    private static final Pattern COMPACT = Pattern.compile("^(\\d{4})(\\d{2})$");
    private static final Pattern RANGE =
            Pattern.compile("^(\\d{4})年\\s*(\\d{1,2})\\s*" + DASH + "\\s*(\\d{1,2})\\s*月(份)?(累计)?$");
    private static final Pattern DATE =
            Pattern.compile("^(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?(\\s*\\d{1,2}:\\d{2}(:\\d{2})?)?$");
    private static final Pattern IN_TEXT =
            Pattern.compile("(\\d{4})\\s*年\\s*(?:(\\d{1,2})\\s*" + DASH + "\\s*)?(\\d{1,2})\\s*月");

    private Periods() {}

    /** The period a cell names, or empty when it names none. */
    public static Optional<YearMonth> parse(String raw) {
        String s = Labels.fold(raw);
        if (s == null || s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(s);
        if (m.matches()) {
            return Integer.parseInt(m.group(2)) == 1 ? of(m.group(1), m.group(3)) : Optional.empty();
        }
        for (Pattern p : new Pattern[] {YEAR_MONTH, COMPACT, DATE}) {
            m = p.matcher(s);
            if (m.matches()) {
                return of(m.group(1), m.group(2));
            }
        }
        return Optional.empty();
    }

    /** The period named inside a title line ("2023年1-6月各县市区固定资产投资完成情况"). */
    public static Optional<YearMonth> findInText(String text) {
        String s = Labels.fold(text);
        if (s == null) {
            return Optional.empty();
        }
        Matcher m = IN_TEXT.matcher(s);
        if (!m.find()) {
            return Optional.empty();
        }
        if (m.group(2) != null && Integer.parseInt(m.group(2)) != 1) {
            return Optional.empty();
        }
        return of(m.group(1), m.group(3));
    }

    /** The period as stored: {@code YYYY-MM}. */
    public static String format(YearMonth ym) {
        return ym.toString();
    }

    /** A calendar date in a cell (2023-03-15, 2023/3/15, 2023年3月15日, an Excel date) as YYYY-MM-DD. */
    public static String dateToString(String raw) {
        String s = Labels.fold(raw);
        if (s == null) {
            return null;
        }
        Matcher m = DATE.matcher(s);
        if (!m.matches()) {
            return null;
        }
        try {
            return java.time.LocalDate.of(
                            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                    .toString();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** Spark SQL function: the period of a cell as YYYY-MM, or null. */
    public static String parseToString(String raw) {
        return parse(raw).map(Periods::format).orElse(null);
    }

    private static Optional<YearMonth> of(String year, String month) {
        int y = Integer.parseInt(year);
        int mo = Integer.parseInt(month);
        if (y < 1990 || y > 2100 || mo < 1 || mo > 12) {
            return Optional.empty();
        }
        return Optional.of(YearMonth.of(y, mo));
    }
}
