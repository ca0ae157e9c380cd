package org.investlake.ingest;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.investlake.quality.FeedSchema;
import org.investlake.reference.ReferenceData;

/**
 * Renders a rule violation as a clerk reads it: {@code 第9行 县市区: 「东城区」不是衡水市的县市区}, with
 * the column named as the file's own header calls it and the city's facts ({city}, {units},
 * {code_prefix}, {code_example}) taken from the reference data, never from the schema.
 */
final class MessageRenderer {
    private final FeedSchema schema;
    private final FileLayout layout;
    private final Map<String, String> cityFacts;
    private final String fileName;

    MessageRenderer(FeedSchema schema, FileLayout layout, ReferenceData reference, String fileName) {
        this.schema = schema;
        this.layout = layout;
        this.cityFacts = reference.messagePlaceholders();
        this.fileName = fileName;
    }

    /** {@code violation} is the struct (rule, column, value, detail) the silver SQL emits. */
    String render(int rowNumber, Row violation) {
        String rule = violation.getString(0);
        String column = violation.getString(1);
        String header = column == null
                ? null
                : layout.headerText()
                        .getOrDefault(
                                column,
                                schema.column(column)
                                        .map(FeedSchema.ColumnSpec::label)
                                        .orElse(column));
        Map<String, String> values = new HashMap<>(cityFacts);
        values.put("value", nz(violation.getString(2)));
        values.put("detail", nz(violation.getString(3)));
        String text = schema.message(rule, values);
        return fileName + " 第" + rowNumber + "行" + (header == null ? "" : " " + header) + ": " + text;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
