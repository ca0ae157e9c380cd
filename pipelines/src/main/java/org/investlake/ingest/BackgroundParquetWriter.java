package org.investlake.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.spark.sql.Row;

/**
 * {@link ScratchParquetWriter}s on threads of their own. Encoding Parquet was about two thirds of the driver's
 * time staging a large file (a profile of a million-row month: the record map's nested groups, the strings'
 * UTF-8), so a large file's bronze and staged copies are encoded on their own threads while the next rows are
 * read and staged; a copy may be split into several part files, each with its thread, when one thread cannot
 * keep up (bronze's record map). Rows go over in batches, in turn to each part, through short queues: memory
 * holds a few thousand rows a part at most. The parts are one folder to Spark; rows keep no order across them.
 *
 * <p>A failed write is reported by the next {@link #write} or by {@link #close}; a part's thread then drains what
 * it is handed without writing it, so the stager never waits on a writer that has stopped.
 */
final class BackgroundParquetWriter implements AutoCloseable {
    private static final int BATCH = 1024;
    private static final Row[] END = new Row[0];

    /** Opens the writer of part {@code i}. */
    interface Parts {
        ScratchParquetWriter open(int i) throws IOException;
    }

    private final List<Part> parts = new ArrayList<>();
    private volatile IOException failure;
    private Row[] batch = new Row[BATCH];
    private int size;
    private int next;
    private boolean closed;

    /** {@code count} part files, from {@code parts}; {@code name} names their threads. */
    BackgroundParquetWriter(Parts parts, int count, String name) throws IOException {
        try {
            for (int i = 0; i < count; i++) {
                this.parts.add(new Part(parts.open(i), "investlake-parquet-" + name + "-" + i));
            }
        } catch (IOException | RuntimeException e) {
            try {
                close();
            } catch (IOException ignored) {
                // the failure to open is the one to report
            }
            throw e;
        }
    }

    void write(Row row) throws IOException {
        if (failure != null) {
            throw failure;
        }
        batch[size++] = row;
        if (size == BATCH) {
            handOver(batch);
            batch = new Row[BATCH];
            size = 0;
        }
    }

    /** Writes what is left, waits for the threads, and closes the files. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (size > 0) {
                handOver(Arrays.copyOf(batch, size));
            }
            for (Part p : parts) {
                p.queue.put(END);
            }
            for (Part p : parts) {
                p.thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            parts.forEach(p -> p.thread.interrupt());
            fail(new java.io.InterruptedIOException("interrupted while writing Parquet"));
        } finally {
            for (Part p : parts) {
                try {
                    p.writer.close();
                } catch (IOException e) {
                    fail(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void handOver(Row[] rows) throws IOException {
        try {
            parts.get(next).queue.put(rows);
            next = (next + 1) % parts.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while handing rows to a Parquet writer");
        }
    }

    private synchronized void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** One part file and the thread that encodes it. */
    private final class Part {
        final ScratchParquetWriter writer;
        final BlockingQueue<Row[]> queue = new ArrayBlockingQueue<>(4);
        final Thread thread;

        Part(ScratchParquetWriter writer, String name) {
            this.writer = writer;
            this.thread = new Thread(this::drain, name);
            thread.setDaemon(true);
            thread.start();
        }

        private void drain() {
            try {
                for (Row[] rows = queue.take(); rows != END; rows = queue.take()) {
                    if (failure != null) {
                        continue;
                    }
                    try {
                        for (Row r : rows) {
                            writer.write(r);
                        }
                    } catch (IOException e) {
                        fail(e);
                    } catch (RuntimeException e) {
                        fail(new IOException(e.getMessage(), e));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
