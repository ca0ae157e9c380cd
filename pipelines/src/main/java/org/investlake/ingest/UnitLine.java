package org.investlake.ingest;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.investlake.reference.Labels;

/** The unit an export states for its amounts (a header suffix or a line such as {@code 单位:亿元}). */
final class UnitLine {
    private static final Pattern LINE = Pattern.compile("单位[::]?(万元|亿元|元|千元)");

    private UnitLine() {}

    /** The unit named in a line of text above the header, if any. */
    static Optional<String> find(String text) {
        String s = Labels.fold(text);
        if (s == null) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(s);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Amounts are stored in 万元: the factor that converts one of {@code unit} to 万元. */
    static Optional<Double> factorOf(String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        return switch (unit) {
            case "万元" -> Optional.of(1.0);
            case "亿元" -> Optional.of(10000.0);
            case "千元" -> Optional.of(0.1);
            case "元" -> Optional.of(0.0001);
            default -> Optional.empty();
        };
    }
}
