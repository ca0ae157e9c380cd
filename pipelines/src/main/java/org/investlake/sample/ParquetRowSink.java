package org.investlake.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * A Parquet export with typed columns — text as UTF-8 strings, whole numbers as int64, amounts and
 * rates as decimal(18,1), dates as dates — written by parquet-hadoop's streaming writer (on the
 * class path through Spark, so no Spark job runs). Only the row group being filled is buffered,
 * encoded and compressed; its size is capped so memory stays flat at a million rows.
 */
final class ParquetRowSink implements RowSink {
    private static final int ROW_GROUP_BYTES = 32 * 1024 * 1024;

    private final Path path;
    private final List<Column> columns;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> writer;

    ParquetRowSink(Path path, List<Column> columns) throws IOException {
        this.path = path;
        this.columns = List.copyOf(columns);
        Files.createDirectories(path.getParent());
        MessageType schema = schema(columns);
        this.groups = new SimpleGroupFactory(schema);
        this.writer = ExampleParquetWriter.builder(
                        HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(path.toUri()), LOCAL))
                .withConf(LOCAL)
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .build();
    }

    // The raw local file system: the checksummed default would leave a .crc file beside every export.
    private static final Configuration LOCAL = localConf();

    private static Configuration localConf() {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }

    static MessageType schema(List<Column> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : columns) {
            switch (c.kind()) {
                case TEXT ->
                    b.optional(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(c.name());
                case WHOLE -> b.optional(PrimitiveTypeName.INT64).named(c.name());
                case TENTHS ->
                    b.optional(PrimitiveTypeName.INT64)
                            .as(LogicalTypeAnnotation.decimalType(1, 18))
                            .named(c.name());
                case DATE ->
                    b.optional(PrimitiveTypeName.INT32)
                            .as(LogicalTypeAnnotation.dateType())
                            .named(c.name());
            }
        }
        return b.named("export");
    }

    @Override
    public void row(Object... cells) throws IOException {
        Group g = groups.newGroup();
        for (int i = 0; i < cells.length; i++) {
            Object v = cells[i];
            if (v == null) {
                continue;
            }
            switch (columns.get(i).kind()) {
                case TEXT -> g.add(i, (String) v);
                case WHOLE, TENTHS -> g.add(i, (Long) v);
                case DATE -> g.add(i, (int) ((LocalDate) v).toEpochDay());
            }
        }
        writer.write(g);
    }

    @Override
    public List<Path> paths() {
        return List.of(path);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
