package org.investlake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.investlake.quality.FeedSchema;

/**
 * Which sheets of a delivered workbook are loaded. Every sheet is looked at: each one whose header is
 * recognisably a feed's is loaded as a delivery of its own ({@code file.xlsx#Sheet2}, one report line
 * and one load per sheet); empty, hidden and other sheets (a cover, 填报说明, a table of contents) are
 * skipped with a note saying so. A workbook with a single non-empty sheet is loaded as the file itself,
 * as before; one where no sheet is a feed is loaded through the sheet closest to being one, whose
 * rejection says what its header lacks.
 */
record SheetPlan(List<InputFile> loads, List<String> notes) {
    private static final Set<String> WORKBOOKS = Set.of("xlsx", "xlsm", "xls");

    static SheetPlan of(InputFile file, String feed, java.util.function.Function<String, FeedSchema> contracts) {
        if (!WORKBOOKS.contains(file.extension())) {
            return new SheetPlan(List.of(file), List.of());
        }
        List<WorkbookGridReader.SheetGrid> sheets;
        try {
            sheets = new WorkbookGridReader().sheets(file);
        } catch (FileRejectedException e) {
            return new SheetPlan(List.of(file), List.of()); // the load itself refuses it, with this message
        }
        List<WorkbookGridReader.SheetGrid> filled =
                sheets.stream().filter(s -> !isBlank(s.grid())).toList();
        if (filled.size() <= 1) {
            return new SheetPlan(List.of(file), List.of());
        }
        List<FeedSchema> schemas = feed != null ? List.of(contracts.apply(feed)) : FeedDetector.knownSchemas(contracts);
        List<InputFile> loads = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        WorkbookGridReader.SheetGrid closest = null;
        int closestCount = -1;
        for (WorkbookGridReader.SheetGrid s : sheets) {
            String sheet = file.name() + ": 工作表「" + s.name() + "」";
            if (isBlank(s.grid())) {
                notes.add(sheet + "是空的,已跳过");
            } else if (s.hidden()) {
                notes.add(sheet + "是隐藏的工作表,已跳过(如需入库,请取消隐藏后重新报送)");
            } else if (schemas.stream()
                    .anyMatch(f -> LayoutDetector.headerRow(s.grid(), f).isPresent())) {
                loads.add(file.sheet(s.name()));
            } else {
                notes.add(sheet + "没有可识别的表头(封面、填报说明、目录之类),不是数据表,已跳过");
                int count = schemas.stream()
                        .mapToInt(f -> LayoutDetector.bestMatchCount(s.grid(), f))
                        .max()
                        .orElse(0);
                if (count > closestCount) {
                    closest = s;
                    closestCount = count;
                }
            }
        }
        if (loads.isEmpty()) {
            if (closest == null) {
                return new SheetPlan(List.of(file), notes);
            }
            // no sheet is a feed: the closest one is loaded and refused, naming what its header lacks
            String name = closest.name();
            notes.removeIf(n -> n.startsWith(file.name() + ": 工作表「" + name + "」"));
            notes.add(0, file.name() + ": 工作簿的 " + sheets.size() + " 张工作表中没有一张是可识别的数据表");
            loads.add(file.sheet(name));
        }
        return new SheetPlan(loads, notes);
    }

    private static boolean isBlank(Grid grid) {
        return grid.rows().stream().allMatch(Grid.Row::isBlank);
    }
}
