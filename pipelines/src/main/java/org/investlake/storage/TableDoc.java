package org.investlake.storage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The documentation of one table, read from {@code sql/<layer>/<table>.yml}: description, grain,
 * partitioning and every column's label and meaning. Table and column comments come from here, and
 * for bronze and ops tables (which have no SQL) the column types too.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TableDoc(
        String layer,
        String name,
        String description,
        String grain,
        @JsonProperty("partitioned_by") List<String> partitionedBy,
        List<String> sources,
        @JsonProperty("reads_previous_year") boolean readsPreviousYear,
        List<Column> columns) {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One column: Chinese label, meaning and (for tables without SQL) its Spark SQL type. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Column(String name, String label, String description, String type) {
        public String comment() {
            return label + " — " + description;
        }
    }

    /**
     * The doc of layer.name: sql/LAYER/NAME.yml, else the layer's shared sql/LAYER/_layer.yml (bronze:
     * every feed's raw rows have one shape) with {name} filled in.
     */
    public static TableDoc load(String layer, String name) {
        String path = "sql/" + layer + "/" + name + ".yml";
        ClassLoader cl = TableDoc.class.getClassLoader();
        String shared = "sql/" + layer + "/_layer.yml";
        boolean own = cl.getResource(path) != null;
        try (InputStream in = cl.getResourceAsStream(own ? path : shared)) {
            if (in == null) {
                throw new IllegalStateException("table documentation missing: " + path);
            }
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            TableDoc doc = YAML.readValue(own ? text : text.replace("{name}", name), TableDoc.class);
            return new TableDoc(
                    layer,
                    name,
                    doc.description(),
                    doc.grain(),
                    doc.partitionedBy() == null ? List.of() : doc.partitionedBy(),
                    doc.sources() == null ? List.of() : doc.sources(),
                    doc.readsPreviousYear(),
                    doc.columns());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String qualifiedName() {
        return layer + "." + name;
    }

    /** The table comment: what it holds, then its grain. */
    public String tableComment() {
        return description.strip() + (grain == null ? "" : " 粒度: " + grain.strip());
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The declared schema, for tables whose yml gives each column a type. */
    public StructType declaredSchema() {
        StructType schema = new StructType();
        for (Column c : columns) {
            if (c.type() == null) {
                throw new IllegalStateException(qualifiedName() + "." + c.name() + " has no type in its yml");
            }
            schema = schema.add(new StructField(
                            c.name(), DataType.fromDDL(c.type()), true, org.apache.spark.sql.types.Metadata.empty())
                    .withComment(c.comment()));
        }
        return schema;
    }

    /**
     * {@code schema} with this doc's comments attached. A column the doc does not describe is an error:
     * every column of every table carries a comment (docs/contract.md "Tables").
     */
    public StructType withComments(StructType schema) {
        StructType out = new StructType();
        for (StructField f : schema.fields()) {
            Column c = column(f.name())
                    .orElseThrow(() -> new IllegalStateException("column " + qualifiedName() + "." + f.name()
                            + " is not documented in sql/" + layer + "/" + name + ".yml"));
            out = out.add(f.withComment(c.comment()));
        }
        return out;
    }
}
