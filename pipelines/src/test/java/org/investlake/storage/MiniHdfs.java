package org.investlake.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS in this JVM for tests: Hadoop's {@link MiniDFSCluster}, one namenode and one datanode over a
 * folder, on free ports. {@link #uri()} is its {@code hdfs://host:port}.
 */
public final class MiniHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    private static MiniHdfs shared;

    /**
     * One HDFS per test JVM for the classes that need one (each start costs seconds): started on first use in a
     * temporary folder, shut down when the JVM exits. Tests use folders of their own in it.
     */
    public static synchronized MiniHdfs shared() {
        if (shared == null) {
            try {
                Path dir = java.nio.file.Files.createTempDirectory("investlake-hdfs");
                shared = start(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-test-hdfs"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Starts HDFS with its blocks and metadata under {@code dir}. */
    public static MiniHdfs start(Path dir) {
        Configuration conf = new Configuration();
        // the metrics loggers need commons-logging's Log4JLogger, which Spark's jcl-over-slf4j replaces
        conf.set("dfs.namenode.metrics.logger.period.seconds", "0");
        conf.set("dfs.datanode.metrics.logger.period.seconds", "0");
        conf.setInt("dfs.replication", 1);
        try {
            MiniDFSCluster c = new MiniDFSCluster.Builder(conf, dir.toFile())
                    .numDataNodes(1)
                    .build();
            c.waitActive();
            return new MiniHdfs(c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test HDFS: " + e.getMessage(), e);
        }
    }

    /** {@code hdfs://127.0.0.1:PORT}, without a trailing slash. */
    public String uri() {
        return cluster.getURI().toString().replaceAll("/$", "");
    }

    /**
     * The namenode's lease limits, in milliseconds: how long a dead writer's lease blocks others (soft, 60 s in
     * HDFS) and when the namenode recovers it by itself (hard).
     */
    public void leaseLimits(long softMillis, long hardMillis) {
        cluster.setLeasePeriod(softMillis, hardMillis);
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
