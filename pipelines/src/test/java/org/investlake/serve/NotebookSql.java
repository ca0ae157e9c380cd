package org.investlake.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL an analyst runs from a Jupyter notebook through JupySQL: the body of every {@code %%sql} cell and the
 * query of every {@code %sql} line ({@code df = %sql SELECT ...} included), split into statements at top-level
 * semicolons as JupySQL runs them. {@code %sql} lines that only connect (a URL, an engine variable, options)
 * are not queries and are left out.
 *
 * <p>Queries must be literal: JupySQL would fill {@code {{var}}} from Python and SQLAlchemy would bind
 * {@code :name}, so a test could not run what the analyst runs — such a statement is refused here.
 */
final class NotebookSql {
    private NotebookSql() {}

    /** One statement, with where it comes from for the test's name and failure messages. */
    record Statement(String notebook, int cell, String sql) {
        @Override
        public String toString() {
            String oneLine = sql.replaceAll("\\s+", " ").strip();
            return notebook + " cell " + cell + ": "
                    + (oneLine.length() > 70 ? oneLine.substring(0, 70) + "…" : oneLine);
        }
    }

    private static final Pattern CELL_MAGIC = Pattern.compile("^%%sql\\b(.*)$");
    private static final Pattern LINE_MAGIC = Pattern.compile("^(?:[A-Za-z_]\\w*\\s*=\\s*)?%sql\\b(.*)$");
    /** {@code name <<}: JupySQL stores the result in a Python variable. */
    private static final Pattern SAVE_TO = Pattern.compile("^\\s*[A-Za-z_]\\w*\\s*<<\\s*");
    /** A connection: a SQLAlchemy URL, an engine variable, or options only. */
    private static final Pattern CONNECT = Pattern.compile("^\\s*(\\w+(\\+\\w+)?://\\S*|[A-Za-z_]\\w*|--?\\w.*)?\\s*$");
    /** SQLAlchemy's bind-parameter syntax (its own regex), and Jinja templating. */
    private static final Pattern BIND = Pattern.compile("(?<![:\\w\\\\]):\\w+(?!:)", Pattern.UNICODE_CHARACTER_CLASS);

    static List<Statement> read(Path notebook) {
        try {
            return read(notebook.getFileName().toString(), new ObjectMapper().readTree(notebook.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + notebook, e);
        }
    }

    static List<Statement> read(String name, JsonNode notebook) {
        List<Statement> out = new ArrayList<>();
        JsonNode cells = notebook.path("cells");
        for (int i = 0; i < cells.size(); i++) {
            JsonNode cell = cells.get(i);
            if (!"code".equals(cell.path("cell_type").asText())) {
                continue;
            }
            for (String sql : statements(source(cell))) {
                out.add(checked(new Statement(name, i + 1, sql)));
            }
        }
        return out;
    }

    /** A cell's source: nbformat allows one string or a list of lines. */
    static String source(JsonNode cell) {
        JsonNode s = cell.path("source");
        if (s.isTextual()) {
            return s.asText();
        }
        StringBuilder b = new StringBuilder();
        s.forEach(line -> b.append(line.asText()));
        return b.toString();
    }

    private static List<String> statements(String source) {
        List<String> lines = source.lines().toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first < lines.size() && CELL_MAGIC.matcher(lines.get(first).strip()).matches()) {
            return split(String.join("\n", lines.subList(first + 1, lines.size())));
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE_MAGIC.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            String query = SAVE_TO.matcher(m.group(1)).replaceFirst("");
            if (!CONNECT.matcher(query).matches()) {
                out.addAll(split(query));
            }
        }
        return out;
    }

    /** Statements at the semicolons outside quotes and comments; empty ones (a trailing ;) dropped. */
    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean comment = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (comment) {
                comment = c != '\n';
            } else if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                comment = true;
            } else if (c == ';') {
                add(out, cur);
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder statement) {
        String s = statement.toString().strip();
        boolean onlyComments = s.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"));
        if (!onlyComments) {
            out.add(s);
        }
    }

    private static Statement checked(Statement s) {
        if (s.sql().contains("{{")
                || s.sql().contains("{%")
                || BIND.matcher(s.sql()).find()) {
            throw new IllegalArgumentException(s + " — keep notebook queries literal: no {{var}} templating, no :name"
                    + " bind parameters (a colon before a word), so the test runs exactly what the analyst runs");
        }
        return s;
    }
}
