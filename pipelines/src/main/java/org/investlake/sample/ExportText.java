package org.investlake.sample;

/**
 * Numbers as the exports print them. Amounts are carried as whole tenths of 万元 and growth as whole
 * tenths of a percent, so that a total row is an exact sum and a growth is exactly what the printed
 * amounts give; these methods only print, without {@code String.format}, because the large scales
 * print millions of cells.
 */
final class ExportText {
    private ExportText() {}

    /** {@code 123456} tenths as {@code 12345.6}. */
    static String tenths(long tenths) {
        StringBuilder b = new StringBuilder(16);
        if (tenths < 0) {
            b.append('-');
            tenths = -tenths;
        }
        return b.append(tenths / 10).append('.').append(tenths % 10).toString();
    }

    /** {@code 123456} tenths as {@code 12,345.6}: the statistics tables are printed with separators. */
    static String groupedTenths(long tenths) {
        StringBuilder b = new StringBuilder(20);
        if (tenths < 0) {
            b.append('-');
            tenths = -tenths;
        }
        return b.append(grouped(tenths / 10)).append('.').append(tenths % 10).toString();
    }

    /** A whole number with a comma every three digits. */
    static String grouped(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder b = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (value < 0) {
            b.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        b.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            b.append(',').append(digits, i, i + 3);
        }
        return b.toString();
    }

    /**
     * A growth rate in tenths of a percent; {@code inWords} writes a fall as {@code 下降4.1}, the way
     * the bureau's printed tables do, instead of {@code -4.1}.
     */
    static String growth(int tenthsPct, boolean inWords) {
        if (inWords && tenthsPct < 0) {
            return "下降" + tenths(-tenthsPct);
        }
        return tenths(tenthsPct);
    }

    /** Growth in tenths of a percent of {@code now} over {@code before}, rounded half up. */
    static int growthTenths(long now, long before) {
        return (int) Math.round((now - before) * 1000.0 / before);
    }

    /** Two-digit zero-padded number. */
    static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    /** Chinese numeral for a batch number (第一批 … 第十批). */
    static String chineseNumber(int n) {
        String[] digits = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
        return n <= 10 ? digits[n] : "十" + digits[n - 10];
    }
}
