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
        return SPACES.matcher(s).replaceAll("").trim();
    }

    /** A row label (region or sector) as compared with aliases: folded, without 其中: or numbering. */
    public static String rowLabel(String raw) {
        String s = fold(raw);
        if (s == null) {
            return null;
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
