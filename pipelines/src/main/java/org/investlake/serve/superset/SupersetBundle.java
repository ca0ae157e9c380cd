package org.investlake.serve.superset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.spark.sql.types.StructType;
import org.investlake.reference.YearTargets;

/**
 * A Superset import bundle ("export v1") of the gold marts, in the key set Superset 2.1 to 6.x all accept:
 * every file under one root folder, metadata.yaml, the database, a dataset per gold table, the charts and the
 * dashboard. UUIDs are derived from stable names, so importing a newer bundle updates what an older one made.
 */
public final class SupersetBundle {
    /** The folder every file of the zip sits in (Superset drops the first path segment). */
    public static final String ROOT = "investlake_superset";

    public static final String VERSION = "1.0.0";

    /** Superset's password mask: the password is asked for at import, never written into the bundle. */
    public static final String PASSWORD_MASK = "XXXXXXXXXX";

    public static final String DEFAULT_URI =
            "hive://superset:" + PASSWORD_MASK + "@127.0.0.1:10000/default?auth=CUSTOM";

    public static final String DASHBOARD_TITLE = Dashboard.TITLE;

    private static final Pattern USER_PASSWORD = Pattern.compile("^([A-Za-z0-9+.-]+://)([^:@/?#]*):([^@/?#]*)@(.*)$");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private final Map<String, Map<String, Object>> files;

    private SupersetBundle(Map<String, Map<String, Object>> files) {
        this.files = files;
    }

    /**
     * The bundle for these gold tables (name → real schema), with the year's targets in the headline titles.
     * The password of {@code sqlalchemyUri}, if any, is replaced by the mask; {@code password} (null: none)
     * is written in the database's password key, for `superset import-dashboards`, which cannot prompt.
     */
    public static SupersetBundle of(
            String sqlalchemyUri,
            String password,
            Map<String, StructType> goldSchemas,
            YearTargets targets,
            String cityCode) {
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("version", VERSION);
        metadata.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        files.put("metadata.yaml", metadata);
        files.put(
                "databases/" + Datasets.DATABASE_NAME + ".yaml",
                Datasets.database(maskPassword(sqlalchemyUri), password));
        goldSchemas.forEach((table, schema) -> files.put(
                "datasets/" + Datasets.DATABASE_NAME + "/" + Datasets.SCHEMA + "_" + table + ".yaml",
                Datasets.dataset(table, schema)));
        List<Charts.Chart> charts = Charts.all(targets, cityCode);
        for (Charts.Chart c : charts) {
            if (!goldSchemas.containsKey(c.table())) {
                throw new IllegalStateException(
                        "chart " + c.key() + " reads gold." + c.table() + ", not in the bundle");
            }
            Map<String, Object> chart = new LinkedHashMap<>();
            chart.put("slice_name", c.title());
            chart.put("viz_type", c.vizType());
            chart.put("params", c.params());
            chart.put("cache_timeout", null);
            chart.put("uuid", uuid("chart", c.key()));
            chart.put("dataset_uuid", uuid("dataset", Datasets.SCHEMA + "." + c.table()));
            chart.put("version", VERSION);
            files.put("charts/" + c.key() + ".yaml", chart);
        }
        files.put("dashboards/" + Dashboard.SLUG.replace('-', '_') + ".yaml", Dashboard.of(charts));
        return new SupersetBundle(files);
    }

    /** A deterministic uuid (name-based) for an object of a kind: the same name gives the same uuid every run. */
    static String uuid(String kind, String name) {
        return UUID.nameUUIDFromBytes(("investlake/superset/" + kind + "/" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** {@code hive://u:secret@h:10000/db} → {@code hive://u:XXXXXXXXXX@h:10000/db}; a URI without one unchanged. */
    public static String maskPassword(String uri) {
        Matcher m = USER_PASSWORD.matcher(uri);
        if (!m.matches() || m.group(3).isEmpty()) {
            return uri;
        }
        return m.group(1) + m.group(2) + ":" + PASSWORD_MASK + "@" + m.group(4);
    }

    /** Each file's path below the root folder and its YAML text. */
    public Map<String, String> yamlFiles() {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, content) -> {
            try {
                out.put(path, YAML.writeValueAsString(content));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + path + " as YAML", e);
            }
        });
        return out;
    }

    public long count(String folder) {
        return files.keySet().stream().filter(p -> p.startsWith(folder + "/")).count();
    }

    /** Writes the zip: every file under {@link #ROOT}/, UTF-8. */
    public void write(Path zip) {
        write(yamlFiles(), zip);
    }

    /** Writes files (path below the root folder → YAML text) as a bundle zip; tests use it for altered copies. */
    public static void write(Map<String, String> yamlFiles, Path zip) {
        try {
            Path parent = zip.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream os = Files.newOutputStream(zip);
                    ZipOutputStream out = new ZipOutputStream(os, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> f : yamlFiles.entrySet()) {
                    out.putNextEntry(new ZipEntry(ROOT + "/" + f.getKey()));
                    out.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + zip + ": " + e.getMessage(), e);
        }
    }
}
