package org.investlake.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the written sample back the way a loader would (commons-csv, POI) and checks the planted
 * story and bad rows from the files themselves, not from the generator's internals.
 */
class SampleGeneratorTest {
    private static final Pattern CODE = Pattern.compile("\\d{4}-1311\\d{2}-\\d{2}-\\d{2}-\\d{6}");
    private static final ReferenceData REF = ReferenceData.bundled();

    @TempDir
    static Path tmp;

    private static Path out;
    private static SampleSummary summary;

    @BeforeAll
    static void generate() {
        out = tmp.resolve("first");
        summary = SampleGenerator.forYear(2023)
                .scale(SampleScale.CITY)
                .reference(REF)
                .writeTo(out);
    }

    @Test
    void sameCallWritesByteIdenticalFiles() throws Exception {
        // zip entries keep time to 2 seconds: wait past that, so a clock-taken timestamp would differ
        Thread.sleep(2_100);
        Path again = tmp.resolve("second");
        SampleSummary second = SampleGenerator.forYear(2023)
                .scale(SampleScale.CITY)
                .reference(REF)
                .writeTo(again);
        assertThat(second.story()).isEqualTo(summary.story());
        assertThat(second.files()).hasSameSizeAs(summary.files());
        for (Path f : summary.files()) {
            Path twin = again.resolve(out.relativize(f));
            assertThat(twin).exists();
            // every file, xlsx included: the same arguments give the same bytes, so a second demo
            // recognises each file as already loaded by its SHA-256
            assertThat(sha256(twin)).as(f.getFileName().toString()).isEqualTo(sha256(f));
        }
    }

    private static String sha256(Path f) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void writesEveryFileOfTheYear() throws IOException {
        assertThat(summary.statsFiles()).isEqualTo(22);
        assertThat(summary.projectFiles()).isEqualTo(12);
        assertThat(summary.bondFiles()).isEqualTo(12);
        assertThat(summary.files()).hasSize(46).allSatisfy(f -> assertThat(f).exists());
        assertThat(list("stats", "各县市区")).hasSize(11);
        assertThat(list("stats", "分行业")).hasSize(11);
        assertThat(list("projects", "调度表")).hasSize(12);
        assertThat(list("bonds", "专项债券")).hasSize(12);
        assertThat(summary.story()).isNotEmpty().anySatisfy(l -> assertThat(l).contains("武邑县"));
    }

    @Test
    void statsComeInEveryEncodingAndExcel() throws IOException {
        List<String> kinds = new ArrayList<>();
        for (Path f : list("stats", "")) {
            byte[] b = Files.readAllBytes(f);
            if (f.toString().endsWith(".xlsx")) {
                kinds.add("xlsx");
            } else if (b.length > 2 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
                kinds.add("bom");
            } else {
                kinds.add(isUtf8(b) ? "utf8" : "gbk");
            }
        }
        assertThat(kinds).contains("xlsx", "bom", "utf8", "gbk");
    }

    @Test
    void totalRowIsTheSumOfTheUnits() throws IOException {
        for (int m = 2; m <= 12; m++) {
            BigDecimal ytd = BigDecimal.ZERO;
            BigDecimal prev = BigDecimal.ZERO;
            List<String> total = null;
            int units = 0;
            for (List<String> row : dataRows(regionFile(m))) {
                Optional<Region> r = REF.region(row.get(0));
                if (r.isPresent() && r.get().isRankedUnit()) {
                    ytd = ytd.add(number(row.get(1)));
                    prev = prev.add(number(row.get(2)));
                    units++;
                } else if (r.isPresent() && r.get().kind() == Region.Kind.CITY) {
                    total = row;
                }
            }
            assertThat(units).as("1-%d月", m).isEqualTo(13);
            assertThat(total).as("1-%d月 total row", m).isNotNull();
            assertThat(number(total.get(1))).as("1-%d月 ytd", m).isEqualByComparingTo(ytd);
            assertThat(number(total.get(2))).as("1-%d月 prev", m).isEqualByComparingTo(prev);
            assertThat(number(total.get(3))).as("1-%d月 growth", m).isEqualByComparingTo(growth(ytd, prev));
        }
    }

    @Test
    void growthAgreesWithAmountsExceptTheComparableBasisRows() throws IOException {
        int differing = 0;
        for (int m = 2; m <= 12; m++) {
            for (List<String> row : dataRows(regionFile(m))) {
                BigDecimal g = number(row.get(3));
                if (g != null && REF.region(row.get(0)).isPresent()) {
                    BigDecimal computed = growth(number(row.get(1)), number(row.get(2)));
                    BigDecimal gap = g.subtract(computed).abs();
                    if (gap.compareTo(new BigDecimal("0.1")) > 0) {
                        assertThat(gap).isBetween(new BigDecimal("0.2"), new BigDecimal("0.5"));
                        differing++;
                    }
                }
            }
        }
        assertThat(differing).isBetween(1, 2);
    }

    @Test
    void wuyiCollapsesInJune() throws IOException {
        BigDecimal may = growthOf(5, "武邑县");
        BigDecimal june = growthOf(6, "武邑县");
        assertThat(may.subtract(june)).isGreaterThanOrEqualTo(new BigDecimal("3"));
        for (int m = 7; m <= 12; m++) {
            assertThat(growthOf(m, "武邑县")).as("1-%d月", m).isNegative();
        }
    }

    @Test
    void raoyangStaysInTheBottomThree() throws IOException {
        for (int m = 3; m <= 10; m++) {
            BigDecimal mine = growthOf(m, "饶阳县");
            int lower = 0;
            for (List<String> row : dataRows(regionFile(m))) {
                Optional<Region> r = REF.region(row.get(0));
                BigDecimal g = number(row.get(3));
                if (r.isPresent() && r.get().isRankedUnit() && g != null && g.compareTo(mine) < 0) {
                    lower++;
                }
            }
            assertThat(lower).as("units below 饶阳县 in 1-%d月", m).isLessThan(3);
        }
    }

    @Test
    void exactlyTheTwoPlantedBadStatsRows() throws IOException {
        List<String> bad = new ArrayList<>();
        for (int m = 2; m <= 12; m++) {
            for (List<String> row : dataRows(regionFile(m))) {
                if (REF.region(row.get(0)).isEmpty()) {
                    bad.add(m + ":" + row.get(0));
                } else if (number(row.get(3)) == null) {
                    bad.add(m + ":" + row.get(3));
                }
            }
            for (List<String> row : dataRows(sectorFile(m))) {
                assertThat(REF.sector(row.get(0))).as("1-%d月 %s", m, row.get(0)).isPresent();
                assertThat(number(row.get(2))).isNotNull();
            }
        }
        assertThat(bad).containsExactly("4:东城区", "8:待核");
    }

    @Test
    void juneProjectsHoldTheKeyProjectsWithValidCodes() throws IOException {
        List<List<String>> rows = projectRows(6);
        long key = rows.stream()
                .filter(r -> r.get(4).equals("省重点") || r.get(4).equals("市重点"))
                .count();
        assertThat(key).isGreaterThanOrEqualTo(420);
        long badCodes =
                rows.stream().filter(r -> !CODE.matcher(r.get(0)).matches()).count();
        assertThat(badCodes).isEqualTo(1);
        assertThat(rows.stream().map(r -> r.get(0)).distinct().count()).isEqualTo(rows.size());
    }

    @Test
    void exactlyThreeBadProjectRowsAndOneBadBondRow() throws IOException {
        int badProjects = 0;
        int badBonds = 0;
        for (int m = 1; m <= 12; m++) {
            for (List<String> r : projectRows(m)) {
                boolean badCode = !CODE.matcher(r.get(0)).matches();
                boolean overrun = number(r.get(9)).compareTo(number(r.get(7))) > 0;
                boolean unknownSector = REF.sector(r.get(3)).isEmpty();
                badProjects += (badCode ? 1 : 0) + (overrun ? 1 : 0) + (unknownSector ? 1 : 0);
            }
            for (List<String> r : rowsAfterHeader(file("bonds", "年" + m + "月专项债券"))) {
                assertThat(r.get(0)).matches(CODE);
                if (number(r.get(8)).compareTo(number(r.get(4))) > 0) {
                    badBonds++;
                }
            }
        }
        assertThat(badProjects).isEqualTo(3);
        assertThat(badBonds).isEqualTo(1);
    }

    // --- reading the files back -------------------------------------------------------------

    private static BigDecimal growthOf(int month, String region) throws IOException {
        for (List<String> row : dataRows(regionFile(month))) {
            if (REF.region(row.get(0)).map(r -> r.name().equals(region)).orElse(false)) {
                return number(row.get(3));
            }
        }
        throw new AssertionError(region + " missing in 1-" + month + "月");
    }

    private static BigDecimal growth(BigDecimal ytd, BigDecimal prev) {
        return ytd.subtract(prev).multiply(BigDecimal.valueOf(100)).divide(prev, 1, RoundingMode.HALF_UP);
    }

    private static Path regionFile(int m) throws IOException {
        return file("stats", "1-" + m + "月各县市区");
    }

    private static Path sectorFile(int m) throws IOException {
        return file("stats", "1-" + m + "月分行业");
    }

    private static List<List<String>> projectRows(int m) throws IOException {
        return rowsAfterHeader(file("projects", "年" + m + "月省市重点"));
    }

    private static Path file(String dir, String part) throws IOException {
        List<Path> found = list(dir, part);
        assertThat(found).as(part).hasSize(1);
        return found.get(0);
    }

    private static List<Path> list(String dir, String part) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve(dir))) {
            return s.filter(p -> p.getFileName().toString().contains(part))
                    .sorted()
                    .toList();
        }
    }

    /** Stats rows between the header (third line) and the footnote. */
    private static List<List<String>> dataRows(Path f) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : rowsAfterHeader(f)) {
            if (row.get(0).startsWith("注")) {
                break;
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> rowsAfterHeader(Path f) throws IOException {
        List<List<String>> all = read(f);
        assertThat(all.get(1).get(0)).isEqualTo("单位:万元");
        return all.subList(3, all.size()).stream()
                .filter(r -> !r.isEmpty() && !r.get(0).isBlank())
                .toList();
    }

    private static List<List<String>> read(Path f) throws IOException {
        if (f.toString().endsWith(".xlsx")) {
            return readXlsx(f);
        }
        byte[] b = Files.readAllBytes(f);
        String text;
        if (b.length > 2 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        } else {
            text = new String(b, isUtf8(b) ? StandardCharsets.UTF_8 : Charset.forName("GBK"));
        }
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT)) {
            for (CSVRecord r : p) {
                rows.add(r.toList());
            }
        }
        return rows;
    }

    private static List<List<String>> readXlsx(Path f) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(f);
                Workbook wb = WorkbookFactory.create(in)) {
            Sheet sheet = wb.getSheetAt(0);
            for (int i = 0; i <= sheet.getLastRowNum(); i++) {
                Row row = sheet.getRow(i);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(text(row.getCell(c)));
                    }
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static String text(Cell c) {
        if (c == null) {
            return "";
        }
        if (c.getCellType() == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(c)) {
                return c.getLocalDateTimeCellValue().toLocalDate().toString();
            }
            return BigDecimal.valueOf(c.getNumericCellValue()).toPlainString();
        }
        return c.getStringCellValue();
    }

    /** A printed number: separators dropped, 下降x as −x; null when it is not a number. */
    private static BigDecimal number(String s) {
        String t = s.replace(",", "").trim();
        if (t.startsWith("下降")) {
            t = "-" + t.substring(2);
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOf(b, b.length)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
