package org.investlake.storage;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a warehouse, a users file or a bulletin folder lives: a local path (plain, or a {@code file:} URI) or a
 * Hadoop URI ({@code hdfs://…}, {@code s3a://…}). Every command takes either; this is the one place that tells them
 * apart, so a warehouse and the files beside it are always judged alike.
 */
public final class Locations {
    private Locations() {}

    /** Whether {@code location} is on this machine's disk: a plain path or a {@code file:} URI. */
    public static boolean isLocal(String location) {
        return location.startsWith("file:") || !location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    }

    /** A local location as an absolute, normalised path; for {@link #isLocal} locations only. */
    public static Path localPath(String location) {
        return location.startsWith("file:")
                ? Path.of(URI.create(location))
                : Path.of(location).toAbsolutePath().normalize();
    }

    /**
     * The form a warehouse's root is kept in: a plain path becomes an absolute {@code file:} URI, a URI stays as
     * it is; either without a trailing slash.
     */
    public static String normalise(String location) {
        String s = location.replaceAll("/+$", "");
        if (!isLocal(s) || s.startsWith("file:")) {
            return s;
        }
        return localPath(s).toUri().toString().replaceAll("/$", "");
    }
}
