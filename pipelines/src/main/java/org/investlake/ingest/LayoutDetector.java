package org.investlake.ingest;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.investlake.quality.FeedSchema;

/**
 * Finds the header row of an export (below any title and unit lines) and maps its cells to a feed's
 * columns through the alias lists of the feed's schema.
 */
final class LayoutDetector {
    /** Exports put at most a few title lines above the header; look no further than this. */
    private static final int MAX_HEADER_ROW = 20;

    private LayoutDetector() {}

    /** Columns of {@code schema} the cells of one row name, keyed by column, valued by cell index. */
    static Map<String, Integer> match(List<String> cells, FeedSchema schema) {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = HeaderCell.parse(cells.get(i)).name();
            if (name.isEmpty()) {
                continue;
            }
            for (FeedSchema.ColumnSpec col : schema.columns()) {
                if (!found.containsKey(col.name()) && aliasMatches(col, name)) {
                    found.put(col.name(), i);
                    break;
                }
            }
        }
        return found;
    }

    /**
     * A header: one row, or a band of rows whose merged cells span down and across (a period cell such
     * as 1-6月 over 累计完成 | 同比增长, the region column merged over both rows). {@code cells} holds one
     * name per column, the levels joined ({@link HeaderCell#join}); {@code shown} the same as the clerk
     * reads it ("1-6月/同比增长(%)"); {@code spanning} the texts of the upper levels, where a period may be
     * written as in a title.
     */
    record HeaderBand(int first, int last, List<String> cells, List<String> shown, List<String> spanning) {}

    /** Header bands deeper than this are not looked for. */
    private static final int MAX_HEADER_LEVELS = 3;

    /** The first header of {@code schema} in the grid, if any. */
    static Optional<HeaderBand> headerRow(Grid grid, FeedSchema schema) {
        for (HeaderBand band : candidates(grid)) {
            if (schema.identifies(match(band.cells(), schema).keySet())) {
                return Optional.of(band);
            }
        }
        return Optional.empty();
    }

    /** The headers the first rows could be, top to bottom: at each row a band starting there first, then the row alone. */
    static List<HeaderBand> candidates(Grid grid) {
        int limit = Math.min(grid.rows().size(), MAX_HEADER_ROW);
        List<HeaderBand> out = new ArrayList<>();
        for (int r = 0; r < limit; r++) {
            int depth = bandDepth(grid, r);
            if (depth > 1) {
                out.add(band(grid, r, r + depth - 1));
            } else {
                impliedBand(grid, r).ifPresent(out::add);
            }
            List<String> cells = grid.rows().get(r).cells();
            out.add(new HeaderBand(r, r, cells, cells, List.of()));
        }
        return out;
    }

    /**
     * How many rows a header starting at row {@code r} spans: as far down as a cell of row r is merged,
     * or two rows when a cell of row r is merged across columns that have their own names below it. A
     * title merged across the whole table has nothing below it and spans nothing.
     */
    private static int bandDepth(Grid grid, int r) {
        int depth = 1;
        for (Grid.Merge m : grid.merges()) {
            if (m.firstRow() != r) {
                continue;
            }
            if (m.lastRow() > r) {
                depth = Math.max(depth, m.lastRow() - r + 1);
            } else if (m.lastCol() > m.firstCol() && r + 1 < grid.rows().size()) {
                Grid.Row below = grid.rows().get(r + 1);
                long named = 0;
                for (int c = m.firstCol(); c <= m.lastCol(); c++) {
                    named += org.investlake.reference.Labels.isBlank(below.cell(c)) ? 0 : 1;
                }
                if (named >= 2) {
                    depth = Math.max(depth, 2 + (bandDepth(grid, r + 1) > 1 ? 1 : 0));
                }
            }
        }
        return Math.min(Math.min(depth, MAX_HEADER_LEVELS), grid.rows().size() - r);
    }

    /**
     * A two-row header saved without its merged cells (a CSV, or a sheet whose merges were undone): row
     * {@code r} names a group once above blank cells (2023年1-6月 | blank) and the row below names the
     * columns under it (本年累计 | 增速). Read as a person reads it: the group cell spanning the columns
     * named below it, and a cell of row r with nothing below it (地区, 上年同期) spanning both rows. Not
     * when the row below holds a number: then it is data, not a header level.
     */
    private static Optional<HeaderBand> impliedBand(Grid grid, int r) {
        if (r + 1 >= grid.rows().size()) {
            return Optional.empty();
        }
        Grid.Row top = grid.rows().get(r);
        Grid.Row below = grid.rows().get(r + 1);
        int width = Math.max(top.cells().size(), below.cells().size());
        List<Grid.Merge> merges = new ArrayList<>(grid.merges());
        boolean across = false;
        for (int c = 0; c < width; c++) {
            if (blank(top.cell(c)) || blank(below.cell(c))) {
                continue;
            }
            int end = c;
            while (end + 1 < width && blank(top.cell(end + 1)) && !blank(below.cell(end + 1))) {
                end++;
            }
            if (end > c) {
                merges.add(new Grid.Merge(r, r, c, end));
                across = true;
                c = end;
            }
        }
        if (!across
                || below.cells().stream()
                        .anyMatch(c -> !blank(c) && Numbers.amount(c).value() != null)) {
            return Optional.empty();
        }
        for (int c = 0; c < width; c++) {
            if (!blank(top.cell(c)) && blank(below.cell(c))) {
                merges.add(new Grid.Merge(r, r + 1, c, c));
            }
        }
        return Optional.of(band(new Grid(grid.rows(), grid.encoding(), grid.format(), merges), r, r + 1));
    }

    private static boolean blank(String cell) {
        return org.investlake.reference.Labels.isBlank(cell);
    }

    /** Rows first..last as one header: merged cells filled across and down, the levels joined per column. */
    private static HeaderBand band(Grid grid, int first, int last) {
        int width = 0;
        for (int r = first; r <= last; r++) {
            width = Math.max(width, grid.rows().get(r).cells().size());
        }
        List<String> cells = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        Set<String> spanning = new java.util.LinkedHashSet<>();
        for (int c = 0; c < width; c++) {
            List<String> levels = new ArrayList<>();
            for (int r = first; r <= last; r++) {
                String text = grid.shown(r, c);
                levels.add(text == null ? "" : text.strip());
                if (r < last && !org.investlake.reference.Labels.isBlank(text)) {
                    spanning.add(text.strip());
                }
            }
            cells.add(HeaderCell.join(levels));
            shown.add(HeaderCell.shown(levels));
        }
        return new HeaderBand(first, last, cells, shown, new ArrayList<>(spanning));
    }

    static FileLayout detect(Grid grid, FeedSchema schema, String fileName) throws FileRejectedException {
        if (grid.rows().stream().allMatch(Grid.Row::isBlank)) {
            throw new FileRejectedException("not_empty", fileName + ": 文件是空的,没有任何内容");
        }
        Optional<HeaderBand> header = headerRow(grid, schema);
        if (header.isEmpty()) {
            throw new FileRejectedException("header_found", fileName + ": " + missingColumnsMessage(grid, schema));
        }
        HeaderBand band = header.get();
        int h = band.first();
        Grid.Row headerRow = grid.rows().get(h);
        Map<String, Integer> index = match(band.cells(), schema);
        for (FeedSchema.ColumnSpec col : schema.columns()) {
            if (col.required() && !index.containsKey(col.name())) {
                throw new FileRejectedException(
                        "column_required", fileName + ": 表头(第" + headerRow.number() + "行)缺少必需的列「" + col.label() + "」");
            }
        }
        List<String> above = new ArrayList<>();
        String fileUnit = null;
        long headerCells = band.cells().stream()
                .filter(c -> !org.investlake.reference.Labels.isBlank(c))
                .count();
        for (int r = 0; r < h; r++) {
            Grid.Row row = grid.rows().get(r);
            long filled = row.cells().stream()
                    .filter(c -> !org.investlake.reference.Labels.isBlank(c))
                    .count();
            // a title or unit line fills a cell or two; a line as full as a record above the header means
            // the rows are out of order, and loading what follows would silently drop it
            if (filled >= 3 && filled * 2 >= headerCells) {
                throw new FileRejectedException(
                        "header_found",
                        fileName + ": 第" + row.number() + "行在表头(第" + headerRow.number()
                                + "行)之上,却像一行数据 — 行的顺序可能被打乱,请检查后重新导出");
            }
            String text = row.text();
            if (!text.isEmpty()) {
                above.add(text);
                fileUnit = UnitLine.find(text).orElse(fileUnit);
            }
        }
        Map<String, String> headerText = new LinkedHashMap<>();
        Map<String, Double> factors = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : index.entrySet()) {
            HeaderCell cell = HeaderCell.parse(band.cells().get(e.getValue()));
            headerText.put(e.getKey(), band.shown().get(e.getValue()).strip());
            FeedSchema.ColumnSpec spec = schema.column(e.getKey()).orElseThrow();
            if (spec.isAmount()) {
                // the header's own unit wins over the file's unit line, which wins over the contract's default
                String unit = fileUnit != null ? fileUnit : spec.unit();
                double f = cell.wanFactor().orElse(UnitLine.factorOf(unit).orElse(1.0));
                factors.put(e.getKey(), f);
            }
        }
        String title = above.isEmpty() ? null : above.get(0);
        Optional<YearMonth> titlePeriod = Optional.empty();
        // a period cell spanning the columns of a two-level header (2023年1-6月) names the period as a title does
        List<String> titleLike = new ArrayList<>(above);
        titleLike.addAll(band.spanning());
        for (String line : titleLike) {
            titlePeriod = Periods.findInText(line);
            if (titlePeriod.isPresent()) {
                title = line;
                break;
            }
        }
        List<String> notes = new ArrayList<>();
        for (int c = 0; c < band.cells().size(); c++) {
            if (index.containsValue(c)) {
                continue;
            }
            String shown = band.shown().get(c);
            HeaderCell.parse(band.cells().get(c))
                    .ignoredNote()
                    .ifPresent(n -> notes.add(fileName + ": 「" + shown + "」列" + n));
        }
        return new FileLayout(h, band.last(), band.shown(), index, headerText, factors, title, titlePeriod, notes);
    }

    private static boolean aliasMatches(FeedSchema.ColumnSpec col, String name) {
        if (col.name().equalsIgnoreCase(name)) {
            return true;
        }
        for (String alias : col.aliases()) {
            if (HeaderCell.parse(alias).name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** How many columns of {@code schema} the best of the first rows names: how close a file is to the feed. */
    static int bestMatchCount(Grid grid, FeedSchema schema) {
        int best = 0;
        for (HeaderBand band : candidates(grid)) {
            best = Math.max(best, match(band.cells(), schema).size());
        }
        return best;
    }

    /** Says what a header lacks, naming the row that came closest to being one. */
    static String missingColumnsMessage(Grid grid, FeedSchema schema) {
        int limit = Math.min(grid.rows().size(), MAX_HEADER_ROW);
        HeaderBand best = null;
        Set<String> bestMatched = Set.of();
        for (HeaderBand band : candidates(grid)) {
            Set<String> m = match(band.cells(), schema).keySet();
            if (m.size() > bestMatched.size()) {
                best = band;
                bestMatched = m;
            }
        }
        String need = labels(schema, schema.identify().anyOf()) + " 和 "
                + labels(schema, schema.identify().andAnyOf());
        if (best == null) {
            return "找不到表头:前" + limit + "行中没有一行写有 " + need + " 这样的列名";
        }
        List<String> missing = new ArrayList<>();
        if (schema.identify().anyOf().stream().noneMatch(bestMatched::contains)) {
            missing.add(labels(schema, schema.identify().anyOf()));
        }
        if (schema.identify().andAnyOf() != null
                && schema.identify().andAnyOf().stream().noneMatch(bestMatched::contains)) {
            missing.add(labels(schema, schema.identify().andAnyOf()));
        }
        String rows = best.first() == best.last()
                ? "第" + grid.rows().get(best.first()).number() + "行"
                : "第" + grid.rows().get(best.first()).number() + "-"
                        + grid.rows().get(best.last()).number() + "行";
        return "表头(" + rows + ")缺少必需的列:" + String.join(";", missing);
    }

    private static String labels(FeedSchema schema, List<String> columns) {
        return columns.stream()
                .map(c -> schema.column(c).map(FeedSchema.ColumnSpec::label).orElse(c))
                .collect(Collectors.joining("或"));
    }
}
