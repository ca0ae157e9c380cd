package org.investlake.ingest;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes rows of a Spark schema to one Parquet file, row by row from the driver, in the layout Spark reads back
 * with that schema (lists and maps in Parquet's three-level form, timestamps as UTC microseconds): a large file's
 * staged and bronze rows go to its scratch folder without a Spark job per chunk and without holding a chunk.
 * Only the types staging uses are known: string, int, double, timestamp, array of string, map of string to string.
 */
final class ScratchParquetWriter implements AutoCloseable {
    private final ParquetWriter<Row> writer;

    ScratchParquetWriter(String path, StructType schema, Configuration conf) throws IOException {
        this(path, schema, conf, Set.of());
    }

    /** A writer that leaves the columns {@code leftNull} empty in every row, whatever the rows hold. */
    ScratchParquetWriter(String path, StructType schema, Configuration conf, Set<String> leftNull) throws IOException {
        MessageType parquet = parquetSchema(schema);
        boolean[] skipped = new boolean[schema.fields().length];
        for (int i = 0; i < skipped.length; i++) {
            skipped[i] = leftNull.contains(schema.fields()[i].name());
        }
        writer = new Builder(new org.apache.hadoop.fs.Path(path), schema, parquet, skipped)
                .withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                // a scratch file is read once, by the same load: dictionary pages cost more to build (a hash lookup
                // per cell, most of the writing time of a million rows) than they would save
                .withDictionaryEncoding(false)
                .build();
    }

    void write(Row row) throws IOException {
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (StructField f : schema.fields()) {
            b.addField(field(f.name(), f.dataType()));
        }
        return b.named("spark_schema");
    }

    private static Type field(String name, DataType t) {
        if (t.equals(DataTypes.StringType)) {
            return Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
        }
        if (t.equals(DataTypes.IntegerType)) {
            return Types.optional(PrimitiveTypeName.INT32).named(name);
        }
        if (t.equals(DataTypes.DoubleType)) {
            return Types.optional(PrimitiveTypeName.DOUBLE).named(name);
        }
        if (t.equals(DataTypes.TimestampType)) {
            return Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(name);
        }
        if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
            return Types.optionalList()
                    .optionalElement(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
        }
        if (t instanceof MapType m
                && m.keyType().equals(DataTypes.StringType)
                && m.valueType().equals(DataTypes.StringType)) {
            return Types.optionalMap()
                    .key(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .optionalValue(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
        }
        throw new IllegalArgumentException("no Parquet layout for " + name + " " + t.simpleString());
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final StructType schema;
        private final MessageType parquet;
        private final boolean[] skipped;

        Builder(org.apache.hadoop.fs.Path path, StructType schema, MessageType parquet, boolean[] skipped) {
            super(path);
            this.schema = schema;
            this.parquet = parquet;
            this.skipped = skipped;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema, parquet, skipped);
        }
    }

    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final StructType schema;
        private final MessageType parquet;
        private final boolean[] skipped;
        private RecordConsumer out;

        RowWriteSupport(StructType schema, MessageType parquet, boolean[] skipped) {
            this.schema = schema;
            this.parquet = parquet;
            this.skipped = skipped;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            Map<String, String> meta = new HashMap<>();
            // Spark reads its own schema from here when present: the same types, nothing to infer
            meta.put("org.apache.spark.sql.parquet.row.metadata", schema.json());
            return new WriteContext(parquet, meta);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Row row) {
            out.startMessage();
            StructField[] fields = schema.fields();
            for (int i = 0; i < fields.length; i++) {
                if (skipped[i] || row.isNullAt(i)) {
                    continue;
                }
                String name = fields[i].name();
                out.startField(name, i);
                value(fields[i].dataType(), row.get(i));
                out.endField(name, i);
            }
            out.endMessage();
        }

        private void value(DataType t, Object v) {
            if (t.equals(DataTypes.StringType)) {
                out.addBinary(Binary.fromString((String) v));
            } else if (t.equals(DataTypes.IntegerType)) {
                out.addInteger((Integer) v);
            } else if (t.equals(DataTypes.DoubleType)) {
                out.addDouble((Double) v);
            } else if (t.equals(DataTypes.TimestampType)) {
                java.sql.Timestamp ts = (java.sql.Timestamp) v;
                out.addLong(Math.floorDiv(ts.getTime(), 1000L) * 1_000_000L + ts.getNanos() / 1000);
            } else if (t instanceof ArrayType) {
                List<?> list = (List<?>) v; // staged rows are made in Java: lists, never Scala sequences
                out.startGroup();
                if (!list.isEmpty()) {
                    out.startField("list", 0);
                    for (Object e : list) {
                        out.startGroup();
                        if (e != null) {
                            out.startField("element", 0);
                            out.addBinary(Binary.fromString((String) e));
                            out.endField("element", 0);
                        }
                        out.endGroup();
                    }
                    out.endField("list", 0);
                }
                out.endGroup();
            } else {
                Map<?, ?> map = (Map<?, ?>) v;
                out.startGroup();
                if (!map.isEmpty()) {
                    out.startField("key_value", 0);
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        out.startGroup();
                        out.startField("key", 0);
                        out.addBinary(Binary.fromString((String) e.getKey()));
                        out.endField("key", 0);
                        if (e.getValue() != null) {
                            out.startField("value", 1);
                            out.addBinary(Binary.fromString((String) e.getValue()));
                            out.endField("value", 1);
                        }
                        out.endGroup();
                    }
                    out.endField("key_value", 0);
                }
                out.endGroup();
            }
        }
    }
}
