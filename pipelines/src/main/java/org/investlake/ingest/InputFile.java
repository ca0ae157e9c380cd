package org.investlake.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A delivered file: its bytes as they came and their SHA-256, the identity of a delivery. One sheet of
 * a workbook that carries several is delivered as {@link #sheet(String)}: named {@code file.xlsx#Sheet2},
 * identified by the SHA-256 of the workbook's digest and the sheet's name, so that each sheet is a load
 * of its own and the same workbook delivered again is recognised sheet by sheet.
 */
public record InputFile(Path path, String name, byte[] bytes, String sha256, String sheet) {

    public static InputFile read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        return new InputFile(path, path.getFileName().toString(), bytes, sha256(bytes), null);
    }

    /**
     * A delivery as bronze kept it: {@code name} as recorded (a sheet's is {@code book.xlsx#Sheet}), the
     * whole file's bytes, and the delivery's recorded identity.
     */
    static InputFile kept(String name, byte[] bytes, String sha256) {
        int hash = name.lastIndexOf('#');
        String book = hash < 0 ? name : name.substring(0, hash);
        if (hash >= 0 && book.toLowerCase(Locale.ROOT).matches(".*\\.(xlsx|xlsm|xls)$")) {
            return new InputFile(Path.of(book), name, bytes, sha256, name.substring(hash + 1));
        }
        return new InputFile(Path.of(name), name, bytes, sha256, null);
    }

    /** One sheet of this workbook, as a delivery of its own. */
    InputFile sheet(String sheetName) {
        return new InputFile(
                path,
                name + "#" + sheetName,
                bytes,
                sha256((sha256 + "#" + sheetName).getBytes(StandardCharsets.UTF_8)),
                sheetName);
    }

    /** Lower-case extension of the delivered file, without the dot ("csv", "xlsx", "parquet"). */
    public String extension() {
        String fileName = sheet == null ? name : path.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
