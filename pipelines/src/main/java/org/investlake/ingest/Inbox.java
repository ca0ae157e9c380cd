package org.investlake.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The deliveries in a folder, as {@code run --inbox} takes them: every loadable file below it, in name order. */
public final class Inbox {
    private Inbox() {}

    /** .csv, .xlsx, .xls and .parquet files, hidden files and Excel's ~$ lock files left out, sorted by path. */
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
                    .sorted()
                    .toList();
        }
    }
}
