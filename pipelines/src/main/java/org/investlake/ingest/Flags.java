package org.investlake.ingest;

import java.util.Set;
import org.investlake.reference.Labels;

/** Yes/no cells as exports write them: 是/否, 已开工/未开工, Y/N, √/×, 1/0. */
public final class Flags {
    private static final Set<String> YES = Set.of("是", "已开工", "开工", "y", "yes", "true", "1", "√", "✓", "已推介", "推介");
    private static final Set<String> NO = Set.of("否", "未开工", "n", "no", "false", "0", "×", "✗", "未推介", "无");

    private Flags() {}

    /** True, false, or null for an empty cell and for anything else (see {@link #invalid}). */
    public static Boolean parse(String raw) {
        String s = Labels.fold(raw);
        if (s == null || s.isEmpty()) {
            return null;
        }
        s = s.toLowerCase(java.util.Locale.ROOT);
        if (YES.contains(s)) {
            return true;
        }
        return NO.contains(s) ? false : null;
    }

    public static Boolean invalid(String raw) {
        return !Labels.isBlank(raw) && parse(raw) == null;
    }
}
