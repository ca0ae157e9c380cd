package org.investlake.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where a plain export table goes one row at a time, so no month's rows are ever held in memory. */
interface RowSink extends AutoCloseable {
    /** One row, a value per column in column order (see {@link Column} for the value types). */
    void row(Object... cells) throws IOException;

    /** The files written. */
    List<Path> paths();

    @Override
    void close() throws IOException;
}
