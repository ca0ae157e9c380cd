package org.investlake.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The local file system of every session ({@code fs.file.impl}): Hadoop's, except that a file's or
 * directory's permission is set through java.nio. Without Hadoop's native library, {@link RawLocalFileSystem}
 * forks a {@code chmod} for every directory and file that Spark and Delta create; the same bits are set either
 * way (the sticky bit, which nothing here uses, excepted). A fork of a JVM with a large heap costs milliseconds,
 * and a monthly load creates hundreds of files and folders.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE,
        PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ
    };

    public ForklessLocalFileSystem() {
        super(new Raw());
    }

    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
            short mode = permission.toShort();
            for (int bit = 0; bit < BITS.length; bit++) {
                if ((mode & (1 << bit)) != 0) {
                    set.add(BITS[bit]);
                }
            }
            Files.setPosixFilePermissions(pathToFile(p).toPath(), set);
        }
    }
}
