package org.investlake.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.investlake.storage.TableDoc;
import org.investlake.storage.TableStore;
import org.investlake.storage.Warehouse;
import org.investlake.storage.WarehouseLock;

/**
 * Writes the monthly bulletin of a period, records it in {@code ops.bulletins}, and reissues a recorded one.
 *
 * <p>A new bulletin reads every gold mart at its current Delta version; the versions, the time it was written
 * (milliseconds, UTC) and the SHA-256 of the file are recorded. A reissue reads the marts at the recorded versions
 * with Delta time travel and renders with the recorded id and time, so it gives the same bytes even after later
 * corrections — what a leader was shown on a date can be shown again. (The charts' label positions are measured
 * with the CJK font installed: a reissue on a machine with other fonts may differ in the SVG coordinates, and is
 * then reported as not identical.)
 */
public final class Bulletins {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Bulletins.class);
    private static final TableDoc DOC = TableDoc.load("ops", "bulletins");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private Bulletins() {}

    /**
     * A bulletin written: its id, files (local paths, or URIs on the warehouse's file system) and fingerprint;
     * {@code identical} for a reissue that matched its record.
     */
    public record Written(
            String bulletinId,
            String period,
            String title,
            String html,
            String xlsx,
            String htmlSha256,
            List<String> missingFeeds,
            boolean identical) {}

    /** A bulletin rendered in memory. */
    public record Rendered(BulletinData data, String title, String html, List<ReportTable> tables) {}

    /** Renders the bulletin of {@code period} from the marts at {@code versions}, with the given id and time. */
    public static Rendered render(
            Warehouse w, String period, Map<String, Long> versions, String bulletinId, Instant writtenAt) {
        BulletinData d = BulletinData.read(w, period, versions);
        List<ReportTable> tables = BulletinTables.all(d);
        String html = BulletinPage.render(d, Commentary.paragraphs(d), tables, Charts.all(d), bulletinId, writtenAt);
        return new Rendered(d, BulletinPage.title(d), html, tables);
    }

    /** Checks a --period argument: YYYY-MM with a month 01..12. */
    public static String checkPeriod(String period) {
        if (period == null || !period.matches("\\d{4}-(0[1-9]|1[0-2])")) {
            throw new IllegalArgumentException("「" + period + "」 is not a period YYYY-MM (e.g. 2023-06)");
        }
        return period;
    }

    /**
     * Where bulletins go unless told otherwise: {@code bulletins} in the working folder beside a local warehouse;
     * {@code <warehouse>/bulletins} for one on HDFS or another Hadoop file system, where the command may run on
     * any machine of a cluster and nothing should be left on it.
     */
    public static String defaultFolder(Warehouse w) {
        return w.root().startsWith("file:") ? "bulletins" : w.root() + "/bulletins";
    }

    /** Writes a new bulletin of {@code period} into the local folder {@code outDir} and records it. */
    public static Written write(Warehouse w, String period, Path outDir) {
        return write(w, period, outDir.toAbsolutePath().toString());
    }

    /**
     * Writes a new bulletin of {@code period} into {@code outDir} (a local folder, or a folder URI on a Hadoop file
     * system) and records it.
     */
    public static Written write(Warehouse w, String period, String outDir) {
        checkPeriod(period);
        try (WarehouseLock lock = WarehouseLock.acquire(w, "bulletin")) {
            Instant writtenAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String id = period + "-" + ID_TIME.format(writtenAt);
            Map<String, Long> versions = BulletinData.currentVersions(w);
            long t0 = System.nanoTime();
            Rendered r = render(w, period, versions, id, writtenAt);
            long t1 = System.nanoTime();
            WrittenFiles f = writeFiles(w, outDir, r, id, writtenAt);
            List<String> missing = r.data().missingFeeds();
            Row row = RowFactory.create(
                    id,
                    period,
                    r.title(),
                    Timestamp.from(writtenAt),
                    BulletinData.format(versions),
                    missing.isEmpty() ? null : String.join(";", missing),
                    f.html(),
                    f.htmlSha256(),
                    f.xlsx(),
                    f.xlsxSha256());
            new TableStore(w)
                    .append(DOC, w.spark().createDataFrame(List.of(row), DOC.declaredSchema()), "bulletin=" + id);
            LOG.info(
                    "bulletin {}: read and rendered in {} ms, files and record in {} ms",
                    id,
                    (t1 - t0) / 1_000_000,
                    (System.nanoTime() - t1) / 1_000_000);
            return new Written(id, period, r.title(), f.html(), f.xlsx(), f.htmlSha256(), missing, true);
        }
    }

    /**
     * Regenerates the recorded bulletin {@code bulletinId} into {@code outDir} from the versions it read;
     * {@link Written#identical()} says whether the bytes equal the recorded SHA-256.
     */
    public static Written reissue(Warehouse w, String bulletinId, Path outDir) {
        return reissue(w, bulletinId, outDir.toAbsolutePath().toString());
    }

    /** {@link #reissue(Warehouse, String, Path)} into a local folder or a folder URI on a Hadoop file system. */
    public static Written reissue(Warehouse w, String bulletinId, String outDir) {
        if (!w.exists("ops", "bulletins")) {
            throw new IllegalArgumentException(
                    "no bulletin has been written in this warehouse (ops.bulletins is empty)");
        }
        List<Row> rows = w.spark()
                .read()
                .format("delta")
                .load(w.location("ops", "bulletins"))
                .where(functions.col("bulletin_id").equalTo(bulletinId))
                .select("period", "written_at", "source_versions", "html_sha256", "xlsx_sha256")
                .collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(
                    "no bulletin 「" + bulletinId
                            + "」 in ops.bulletins; list them with: sql \"SELECT bulletin_id, period, written_at FROM ops.bulletins\"");
        }
        Row rec = rows.get(0);
        String period = rec.getString(0);
        Instant writtenAt = rec.getTimestamp(1).toInstant();
        Rendered r = render(w, period, BulletinData.parse(rec.getString(2)), bulletinId, writtenAt);
        WrittenFiles f = writeFiles(w, outDir, r, bulletinId, writtenAt);
        boolean identical = f.htmlSha256().equals(rec.getString(3))
                && (rec.isNullAt(4) || f.xlsxSha256().equals(rec.getString(4)));
        return new Written(
                bulletinId,
                period,
                r.title(),
                f.html(),
                f.xlsx(),
                f.htmlSha256(),
                r.data().missingFeeds(),
                identical);
    }

    /** A bulletin's two files as written, with their SHA-256. */
    private record WrittenFiles(String html, String htmlSha256, String xlsx, String xlsxSha256) {}

    /** Writes the page and the workbook (saved at the bulletin's recorded time, so a reissue matches) into outDir. */
    private static WrittenFiles writeFiles(Warehouse w, String outDir, Rendered r, String id, Instant writtenAt) {
        OutputFolder out = OutputFolder.of(outDir, w.spark().sparkContext().hadoopConfiguration());
        byte[] page = r.html().getBytes(StandardCharsets.UTF_8);
        byte[] book = BulletinWorkbook.bytes(r.title(), r.tables(), writtenAt);
        return new WrittenFiles(
                out.write(fileName(r.title(), id), page),
                sha256(page),
                out.write(workbookName(r.title(), id), book),
                sha256(book));
    }

    /** 「2023年1-6月全市抓投资上项目工作通报_2023-06-20261130T010537123Z.html」. */
    static String fileName(String title, String id) {
        return title + "_" + id + ".html";
    }

    /** The workbook beside the page: the same name with .xlsx. */
    static String workbookName(String title, String id) {
        return title + "_" + id + ".xlsx";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
