package org.investlake.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.investlake.quality.FeedSchema;

/** Recognises a file's feed from its header row when {@code --feed} is not given. */
final class FeedDetector {
    /** The feeds in the order they are tried; a feed without a schema file is not offered yet. */
    static final List<String> FEEDS = List.of("stats", "projects", "bonds");

    private FeedDetector() {}

    static List<FeedSchema> knownSchemas() {
        return knownSchemas(FeedSchema::load);
    }

    /** Every feed's contract as {@code schemas} gives it (with a city's own header words, for a load). */
    static List<FeedSchema> knownSchemas(Function<String, FeedSchema> schemas) {
        List<FeedSchema> out = new ArrayList<>();
        for (String feed : FEEDS) {
            if (FeedDetector.class.getClassLoader().getResource("schemas/" + feed + ".yaml") != null) {
                out.add(schemas.apply(feed));
            }
        }
        return out;
    }

    static FeedSchema detect(Grid grid, String fileName) throws FileRejectedException {
        return detect(grid, fileName, knownSchemas());
    }

    /**
     * The feed whose header comes first in the file; on the same row, the one whose header names more of
     * its columns (a project list names 县市区 and 行业领域 too, but never only those). Equal is ambiguous.
     */
    static FeedSchema detect(Grid grid, String fileName, List<FeedSchema> candidates) throws FileRejectedException {
        if (grid.rows().stream().allMatch(Grid.Row::isBlank)) {
            throw new FileRejectedException("not_empty", fileName + ": 文件是空的,没有任何内容");
        }
        List<FeedSchema> best = new ArrayList<>();
        int bestRow = Integer.MAX_VALUE;
        int bestCount = -1;
        for (FeedSchema s : candidates) {
            var band = LayoutDetector.headerRow(grid, s);
            if (band.isEmpty()) {
                continue;
            }
            int row = band.get().first();
            int count = LayoutDetector.match(band.get().cells(), s).size();
            if (row < bestRow || (row == bestRow && count > bestCount)) {
                best.clear();
                bestRow = row;
                bestCount = count;
            }
            if (row == bestRow && count == bestCount && !best.contains(s)) {
                best.add(s);
            }
        }
        if (best.size() == 1) {
            return best.get(0);
        }
        if (best.isEmpty()) {
            // name what the closest feed's header lacks, so the clerk knows which column to add
            FeedSchema closest = null;
            int closestCount = 0;
            for (FeedSchema s : candidates) {
                int c = LayoutDetector.bestMatchCount(grid, s);
                if (c > closestCount) {
                    closest = s;
                    closestCount = c;
                }
            }
            String hint = closest == null
                    ? "表头不像统计月报(地区/行业 + 增速/累计)、项目库或专项债券导出"
                    : "最接近「" + closest.description() + "」,但" + LayoutDetector.missingColumnsMessage(grid, closest);
            throw new FileRejectedException("feed_known", fileName + ": 无法识别数据类别 — " + hint + ";请检查表头,或用 --feed 指定");
        }
        throw new FileRejectedException(
                "feed_known",
                fileName + ": 表头同时符合 "
                        + String.join("、", best.stream().map(FeedSchema::feed).toList()) + " 几类数据,请用 --feed 指定");
    }
}
