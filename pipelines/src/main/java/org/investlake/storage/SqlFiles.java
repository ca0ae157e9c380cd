package org.investlake.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The SQL of a silver or gold table, read from sql/<layer>/<table>.sql as shipped in the jar. */
public final class SqlFiles {
    private SqlFiles() {}

    public static String load(String layer, String table) {
        String path = "sql/" + layer + "/" + table + ".sql";
        try (InputStream in = SqlFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("SQL file missing: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
