package org.investlake.reference;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Folds the way a label is written in an export to the way it is compared: full-width characters to
 * half-width (NFKC), spaces removed, the sub-item prefix {@code 其中:} dropped. One definition, used
 * for header cells, region names and sector names alike, so an alias matches however it was typed.
 */
public final class Labels {
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0\\u3000]+");
    private static final Pattern SUB_ITEM = Pattern.compile("^(其中|内:|内|含)[::、]?");
    private static final Pattern LEADING_NUMBERING =
            Pattern.compile("^([0-9]{1,2}[.、)]|[一二三四五六七八九十]+[、.]|[((][一二三四五六七八九十0-9]+[))])");

    private Labels() {}

    /** NFKC and no whitespace; null stays null. */
    public static String fold(String raw) {
        if (raw == null) {
            return null;
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        // most cells have nothing to remove: the regex is skipped for them, as it is most of the time spent
        // folding the cells of a million-row export
        return hasSpaceOrControl(s) ? SPACES.matcher(s).replaceAll("").trim() : s;
    }

    /** True when the regex or trim of {@link #fold} could change {@code s}: a space of any kind, or a control. */
    private static boolean hasSpaceOrControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '\u00a0' || c == '\u3000') {
                return true;
            }
        }
        return false;
    }

    /** A row label (region or sector) as compared with aliases: folded, without 其中: or numbering. */
    public static String rowLabel(String raw) {
        String s = fold(raw);
        if (s == null) {
            return null;
        }
        if (s.isEmpty() || "其内含0123456789一二三四五六七八九十(".indexOf(s.charAt(0)) < 0) {
            return s; // neither prefix can start here (NFKC has made （ into ()
        }
        s = SUB_ITEM.matcher(s).replaceFirst("");
        s = LEADING_NUMBERING.matcher(s).replaceFirst("");
        return s;
    }

    /** True for a cell that holds nothing: empty, or only spaces. */
    public static boolean isBlank(String raw) {
        return raw == null || fold(raw).isEmpty();
    }
}
