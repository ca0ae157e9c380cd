package org.investlake.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints a query result as an aligned table (CJK-aware), CSV with a header row, or JSON lines. */
final class ResultPrinter {
    enum Format {
        table,
        csv,
        json
    }

    private ResultPrinter() {}

    static void print(Dataset<Row> df, Format format, int limit, PrintWriter out) {
        String[] cols = df.columns();
        switch (format) {
            case csv -> csv(df, cols, out);
            case json -> json(df, cols, out);
            default -> table(df, cols, limit, out);
        }
        out.flush();
    }

    private static void csv(Dataset<Row> df, String[] cols, PrintWriter out) {
        try {
            CSVPrinter p = new CSVPrinter(
                    out, CSVFormat.DEFAULT.builder().setHeader(cols).get());
            for (Iterator<Row> it = df.toLocalIterator(); it.hasNext(); ) {
                Row r = it.next();
                List<String> cells = new ArrayList<>(cols.length);
                for (int i = 0; i < cols.length; i++) {
                    cells.add(text(r.get(i)));
                }
                p.printRecord(cells);
            }
            p.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void json(Dataset<Row> df, String[] cols, PrintWriter out) {
        for (Iterator<String> it = df.toJSON().toLocalIterator(); it.hasNext(); ) {
            out.println(it.next());
        }
    }

    private static void table(Dataset<Row> df, String[] cols, int limit, PrintWriter out) {
        List<Row> rows = df.limit(limit + 1).collectAsList();
        boolean more = rows.size() > limit;
        if (more) {
            rows = rows.subList(0, limit);
        }
        int[] width = new int[cols.length];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < cols.length; i++) {
            width[i] = displayWidth(cols[i]);
        }
        for (Row r : rows) {
            String[] line = new String[cols.length];
            for (int i = 0; i < cols.length; i++) {
                line[i] = text(r.get(i)).replace('\n', ' ');
                width[i] = Math.max(width[i], displayWidth(line[i]));
            }
            cells.add(line);
        }
        out.println(line(cols, width));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < cols.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
        }
        out.println(rule);
        for (String[] c : cells) {
            out.println(line(c, width));
        }
        out.println(
                "(" + rows.size() + (more ? "+ rows, first " + limit + " shown; use --format csv for all)" : " rows)"));
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            b.append(i == 0 ? "" : " | ").append(cells[i]).append(" ".repeat(width[i] - displayWidth(cells[i])));
        }
        return b.toString().stripTrailing();
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Row r) {
            return r.toString();
        }
        if (v instanceof scala.collection.Seq<?> s) {
            return s.mkString("[", ", ", "]");
        }
        if (v instanceof scala.collection.Map<?, ?> m) {
            return m.mkString("{", ", ", "}");
        }
        return v.toString();
    }

    /** East Asian wide characters take two columns in a terminal. */
    static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += (cp >= 0x1100
                            && (cp <= 0x115f
                                    || (cp >= 0x2e80 && cp <= 0xa4cf)
                                    || (cp >= 0xac00 && cp <= 0xd7a3)
                                    || (cp >= 0xf900 && cp <= 0xfaff)
                                    || (cp >= 0xfe30 && cp <= 0xfe4f)
                                    || (cp >= 0xff00 && cp <= 0xff60)
                                    || (cp >= 0xffe0 && cp <= 0xffe6)))
                    ? 2
                    : 1;
            i += Character.charCount(cp);
        }
        return w;
    }
}
