package org.investlake.ingest;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The deliveries in a folder, as {@code run --inbox} takes them: every loadable file below it, in name order with
 * numbers compared as numbers, so 2023年1-9月 comes before 2023年1-10月 (plain text order puts "1-10" first). A batch
 * checks its files in period order whatever order it is given ({@link LoadBatch}); this order decides only between
 * files of the same period — the later of two deliveries of a month is the one silver keeps — and the order of the
 * reports.
 */
public final class Inbox {
    private Inbox() {}

    /** .csv, .xlsx, .xls and .parquet files, hidden files and Excel's ~$ lock files left out, in {@link #ORDER}. */
    public static List<Path> files(Path inbox) throws IOException {
        if (!Files.isDirectory(inbox)) {
            throw new IOException("inbox " + inbox + " is not a folder");
        }
        try (Stream<Path> s = Files.walk(inbox)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return !n.startsWith(".")
                                && !n.startsWith("~$")
                                && (n.endsWith(".csv")
                                        || n.endsWith(".xlsx")
                                        || n.endsWith(".xls")
                                        || n.endsWith(".parquet"));
                    })
                    .sorted(ORDER)
                    .toList();
        }
    }

    /**
     * Paths by name without the extension, each run of digits compared by its value (9 before 10), then as text to
     * break ties. Without the extension, a file comes before one whose name adds to it: 「…投资.csv」 before
     * 「…投资(更正).csv」, its correction (with the extension, "." would sort after "(").
     */
    static final Comparator<Path> ORDER = Comparator.comparing(Inbox::withoutExtension, Inbox::compareNatural)
            .thenComparing(Comparator.naturalOrder());

    private static String withoutExtension(Path p) {
        String s = p.toString();
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? s : s.substring(0, s.length() - (name.length() - dot));
    }

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                int byValue = new BigInteger(a.substring(i, ei)).compareTo(new BigInteger(b.substring(j, ej)));
                if (byValue != 0) {
                    return byValue;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }
}
