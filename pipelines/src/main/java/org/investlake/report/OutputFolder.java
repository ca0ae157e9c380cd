package org.investlake.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.investlake.storage.Locations;

/**
 * A folder reports are written into: a local folder (a path, or a {@code file:} URI), or a folder on HDFS or
 * another Hadoop file system ({@code hdfs://…/bulletins}) when the warehouse lives there.
 */
final class OutputFolder {
    private final Path local;
    private final String remote;
    private final Configuration hadoop;

    private OutputFolder(Path local, String remote, Configuration hadoop) {
        this.local = local;
        this.remote = remote;
        this.hadoop = hadoop;
    }

    static OutputFolder of(String folder, Configuration hadoop) {
        String f = folder.replaceAll("/+$", "");
        return Locations.isLocal(f)
                ? new OutputFolder(Locations.localPath(f), null, hadoop)
                : new OutputFolder(null, f, hadoop);
    }

    /** Writes {@code bytes} as {@code name} in this folder (made if missing); returns the file's path or URI. */
    String write(String name, byte[] bytes) {
        String where = local != null ? local.resolve(name).toString() : remote + "/" + name;
        try {
            if (local != null) {
                Files.createDirectories(local);
                Files.write(local.resolve(name), bytes);
            } else {
                org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(where);
                FileSystem fs = FileSystem.get(file.toUri(), hadoop);
                try (FSDataOutputStream out = fs.create(file, true)) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + where + ": " + e.getMessage(), e);
        }
        return where;
    }
}
