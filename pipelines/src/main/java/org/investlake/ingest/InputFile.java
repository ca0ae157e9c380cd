package org.investlake.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** A delivered file: its bytes as they came and their SHA-256, the identity of a delivery. */
public record InputFile(Path path, String name, byte[] bytes, String sha256) {

    public static InputFile read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        return new InputFile(path, path.getFileName().toString(), bytes, sha256(bytes));
    }

    /** Lower-case extension without the dot ("csv", "xlsx", "parquet"). */
    public String extension() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
