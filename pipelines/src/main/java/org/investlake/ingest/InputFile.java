package org.investlake.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    /**
     * From this size on a CSV file is not held in memory: its bytes stay on disk ({@link #bytes} is null) and it
     * is read as a stream ({@link LargeFileStager}) — about 30,000 rows of a project list. A Parquet file is
     * streamed from a quarter of it (its columns compress about four times better than CSV text), workbooks never
     * (POI needs them whole; a city's workbooks are kilobytes).
     */
    public static final long LARGE_BYTES = 4L * 1024 * 1024;

    public static InputFile read(Path path) throws IOException {
        return read(path, LARGE_BYTES);
    }

    /** Reads a delivery, holding its bytes when it is smaller than {@code largeBytes} or a workbook. */
    static InputFile read(Path path, long largeBytes) throws IOException {
        String name = path.getFileName().toString();
        if (streamed(name, Files.size(path), largeBytes)) {
            try (InputStream in = Files.newInputStream(path)) {
                MessageDigest d = digest();
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    d.update(buffer, 0, n);
                }
                return new InputFile(path, name, null, HexFormat.of().formatHex(d.digest()), null);
            }
        }
        byte[] bytes = Files.readAllBytes(path);
        return new InputFile(path, name, bytes, sha256(bytes), null);
    }

    /** Whether a file of this name and size is read as a stream rather than held ({@link #LARGE_BYTES}). */
    static boolean streamed(String name, long size, long largeBytes) {
        String ext = extensionOf(name);
        boolean text = ext.equals("csv") || ext.equals("txt");
        return text && size >= largeBytes || ext.equals("parquet") && size >= largeBytes / 4;
    }

    /** Whether the file is read as a stream, its bytes not held. */
    public boolean large() {
        return bytes == null;
    }

    /** The delivered bytes, from memory or from disk. */
    InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(path);
    }

    /** The whole content: held bytes, or read now from disk (only for a large file that must be read whole). */
    byte[] content() throws IOException {
        return bytes != null ? bytes : Files.readAllBytes(path);
    }

    /**
     * A large delivery as bronze kept it, read as a stream from {@code local} (the raw copy, or a local copy of it)
     * under its recorded name and identity. Workbooks are never large, so never a sheet.
     */
    static InputFile keptOnDisk(String name, Path local, String sha256) {
        return new InputFile(local, name, null, sha256, null);
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
        return extensionOf(sheet == null ? name : path.getFileName().toString());
    }

    private static String extensionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
