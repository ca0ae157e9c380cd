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

    /** The index of the first row that is a header of {@code schema}, if any. */
    static Optional<Integer> headerRow(Grid grid, FeedSchema schema) {
        int limit = Math.min(grid.rows().size(), MAX_HEADER_ROW);
        for (int r = 0; r < limit; r++) {
            if (schema.identifies(match(grid.rows().get(r).cells(), schema).keySet())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    static FileLayout detect(Grid grid, FeedSchema schema, String fileName) throws FileRejectedException {
        if (grid.rows().stream().allMatch(Grid.Row::isBlank)) {
            throw new FileRejectedException("not_empty", fileName + ": 文件是空的,没有任何内容");
        }
        Optional<Integer> header = headerRow(grid, schema);
        if (header.isEmpty()) {
            throw new FileRejectedException("header_found", fileName + ": " + missingColumnsMessage(grid, schema));
        }
        int h = header.get();
        Grid.Row headerRow = grid.rows().get(h);
        Map<String, Integer> index = match(headerRow.cells(), schema);
        for (FeedSchema.ColumnSpec col : schema.columns()) {
            if (col.required() && !index.containsKey(col.name())) {
                throw new FileRejectedException(
                        "column_required", fileName + ": 表头(第" + headerRow.number() + "行)缺少必需的列「" + col.label() + "」");
            }
        }
        List<String> above = new ArrayList<>();
        String fileUnit = null;
        long headerCells = headerRow.cells().stream()
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
            HeaderCell cell = HeaderCell.parse(headerRow.cell(e.getValue()));
            headerText.put(e.getKey(), cell.original().strip());
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
        for (String line : above) {
            titlePeriod = Periods.findInText(line);
            if (titlePeriod.isPresent()) {
                title = line;
                break;
            }
        }
        return new FileLayout(h, index, headerText, factors, title, titlePeriod);
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
        int limit = Math.min(grid.rows().size(), MAX_HEADER_ROW);
        int best = 0;
        for (int r = 0; r < limit; r++) {
            best = Math.max(best, match(grid.rows().get(r).cells(), schema).size());
        }
        return best;
    }

    /** Says what a header lacks, naming the row that came closest to being one. */
    static String missingColumnsMessage(Grid grid, FeedSchema schema) {
        int limit = Math.min(grid.rows().size(), MAX_HEADER_ROW);
        int best = -1;
        Set<String> bestMatched = Set.of();
        for (int r = 0; r < limit; r++) {
            Set<String> m = match(grid.rows().get(r).cells(), schema).keySet();
            if (m.size() > bestMatched.size()) {
                best = r;
                bestMatched = m;
            }
        }
        String need = labels(schema, schema.identify().anyOf()) + " 和 "
                + labels(schema, schema.identify().andAnyOf());
        if (best < 0) {
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
        return "表头(第" + grid.rows().get(best).number() + "行)缺少必需的列:" + String.join(";", missing);
    }

    private static String labels(FeedSchema schema, List<String> columns) {
        return columns.stream()
                .map(c -> schema.column(c).map(FeedSchema.ColumnSpec::label).orElse(c))
                .collect(Collectors.joining("或"));
    }
}
