package org.investlake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/contract.md lists every table and column the warehouse creates; the list is generated from
 * the .yml beside each table's SQL (the same text the tables carry as comments), so the page cannot
 * drift from the code. When a .yml changes, regenerate it:
 * {@code mvn -B test -Dtest=ContractDocTest -Dinvestlake.updateDocs=true}.
 */
class ContractDocTest {
    private static final String REGENERATE = "mvn -B test -Dtest=ContractDocTest -Dinvestlake.updateDocs=true";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void contractListsEveryTableAndColumnAsItsYmlDocumentsIt() throws IOException {
        Path root = projectRoot();
        assertSection(root, "tables", tables(root.resolve("sql")));
    }

    @Test
    void contractListsEveryQualityRuleAsTheSchemasDeclareIt() throws IOException {
        Path root = projectRoot();
        assertSection(root, "rules", rules(root.resolve("schemas")));
    }

    @Test
    void everyColumnOfEveryYmlHasALabelAndAWholeDescription() throws IOException {
        // an unquoted comma inside a YAML flow mapping ends the value: "{…, description: a, b}" is a
        // description "a" and a stray key "b", and the table's comment would silently lose the rest
        List<String> problems = new ArrayList<>();
        for (String layer : List.of("bronze", "silver", "gold", "ops")) {
            try (Stream<Path> files = Files.list(projectRoot().resolve("sql").resolve(layer))) {
                for (Path yml : files.filter(p -> p.toString().endsWith(".yml"))
                        .sorted()
                        .toList()) {
                    JsonNode doc = YAML.readTree(yml.toFile());
                    String where = "sql/" + layer + "/" + yml.getFileName();
                    if (doc.path("description").asText("").isBlank()) {
                        problems.add(where + ": no table description");
                    }
                    if (!doc.path("columns").isArray() || doc.path("columns").isEmpty()) {
                        problems.add(where + ": no columns");
                    }
                    for (JsonNode c : doc.path("columns")) {
                        String name = c.path("name").asText("?");
                        c.fieldNames().forEachRemaining(k -> {
                            if (!List.of("name", "label", "description", "type").contains(k)) {
                                problems.add(where + " " + name + ": stray key «" + k
                                        + "» (quote the description: it holds a comma)");
                            }
                        });
                        if (c.path("label").asText("").isBlank()) {
                            problems.add(where + " " + name + ": no label");
                        }
                        if (c.path("description").asText("").isBlank()) {
                            problems.add(where + " " + name + ": no description");
                        }
                    }
                }
            }
        }
        assertThat(problems)
                .as("columns whose comment would be missing or cut short")
                .isEmpty();
    }

    /**
     * The text between {@code <!-- NAME:begin … -->} and {@code <!-- NAME:end -->} in docs/contract.md
     * must be {@code generated}; with -Dinvestlake.updateDocs=true it is rewritten first.
     */
    private static void assertSection(Path root, String name, String generated) throws IOException {
        Path page = root.resolve("docs/contract.md");
        String text = Files.readString(page, StandardCharsets.UTF_8);
        String begin = "<!-- " + name + ":begin — generated, do not edit: " + REGENERATE + " -->";
        String end = "<!-- " + name + ":end -->";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        assertThat(b).as("docs/contract.md has the marker %s", begin).isNotNegative();
        assertThat(e).as("docs/contract.md has the marker %s", end).isGreaterThan(b);
        String current = text.substring(b + begin.length(), e);
        String expected = "\n" + generated + "\n";
        if (Boolean.getBoolean("investlake.updateDocs") && !current.equals(expected)) {
            Files.writeString(
                    page, text.substring(0, b + begin.length()) + expected + text.substring(e), StandardCharsets.UTF_8);
            current = expected;
        }
        assertThat(current)
                .as("the %s of docs/contract.md, as the repository's files say; regenerate with %s", name, REGENERATE)
                .isEqualTo(expected);
    }

    /** Every data-quality rule of every feed: id, action, column and the message a clerk reads. */
    static String rules(Path schemas) throws IOException {
        StringBuilder out =
                new StringBuilder("| feed | rule | action | column | message |\n| --- | --- | --- | --- | --- |\n");
        for (String feed : List.of("stats", "projects", "bonds")) {
            JsonNode doc = YAML.readTree(schemas.resolve(feed + ".yaml").toFile());
            for (JsonNode r : doc.path("rules")) {
                String columns = r.has("columns")
                        ? String.join(", ", YAML.convertValue(r.path("columns"), String[].class))
                        : r.path("column").asText("");
                out.append("| ")
                        .append(feed)
                        .append(" | `")
                        .append(r.path("id").asText())
                        .append("` | ")
                        .append(r.path("action").asText())
                        .append(" | ")
                        .append(cell(columns))
                        .append(" | ")
                        .append(cell(r.path("message").asText()))
                        .append(" |\n");
            }
        }
        return out.toString().strip();
    }

    /** The markdown of every table: a heading, its description and grain, and its columns. */
    static String tables(Path sql) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String layer : List.of("bronze", "silver", "gold", "ops")) {
            List<Path> ymls;
            try (Stream<Path> files = Files.list(sql.resolve(layer))) {
                ymls = files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            }
            for (Path yml : ymls) {
                JsonNode doc = YAML.readTree(yml.toFile());
                String file = yml.getFileName().toString();
                String name = file.equals("_layer.yml")
                        ? "bronze.stats, bronze.projects, bronze.bonds"
                        : layer + "." + file.substring(0, file.length() - ".yml".length());
                String sqlFile = "sql/" + layer + "/" + file.replace(".yml", ".sql");
                out.append("\n#### ").append(name).append("\n\n");
                out.append(cell(doc.path("description").asText()).replace("{name}", "FEED"))
                        .append("\n\nGrain: ")
                        .append(cell(doc.path("grain").asText()))
                        .append(". Documented in `sql/")
                        .append(layer)
                        .append('/')
                        .append(file)
                        .append('`');
                if (Files.exists(sql.getParent().resolve(sqlFile))) {
                    out.append(", computed by `").append(sqlFile).append('`');
                }
                out.append(".\n\n| column | label | meaning |\n| --- | --- | --- |\n");
                for (JsonNode c : doc.path("columns")) {
                    out.append("| `")
                            .append(c.path("name").asText())
                            .append("` | ")
                            .append(cell(c.path("label").asText()))
                            .append(" | ")
                            .append(cell(c.path("description").asText()))
                            .append(" |\n");
                }
            }
        }
        return out.toString().strip();
    }

    private static String cell(String s) {
        return s.strip().replace("\n", " ").replace("|", "\\|");
    }

    /** The checkout's root (the folder with pom.xml), whatever folder the tests run in. */
    static Path projectRoot() {
        String basedir = System.getProperty("basedir"); // set by surefire
        Path p = basedir != null ? Path.of(basedir) : Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no pom.xml above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
