package org.investlake.ingest;

import org.investlake.quality.FeedSchema;
import java.util.ArrayList;
import java.util.List;

/** Recognises a file's feed from its header row when {@code --feed} is not given. */
final class FeedDetector {
  /** The feeds in the order they are tried; a feed without a schema file is not offered yet. */
  static final List<String> FEEDS = List.of("stats", "projects", "bonds");

  private FeedDetector() {}

  static List<FeedSchema> knownSchemas() {
    List<FeedSchema> out = new ArrayList<>();
    for (String feed : FEEDS) {
      if (FeedDetector.class.getClassLoader().getResource("schemas/" + feed + ".yaml") != null) {
        out.add(FeedSchema.load(feed));
      }
    }
    return out;
  }

  static FeedSchema detect(Grid grid, String fileName) throws FileRejectedException {
    List<FeedSchema> matching = new ArrayList<>();
    int bestRow = Integer.MAX_VALUE;
    for (FeedSchema s : knownSchemas()) {
      var row = LayoutDetector.headerRow(grid, s);
      if (row.isPresent()) {
        // the feed whose header comes first wins; two on the same row are ambiguous
        if (row.get() < bestRow) {
          matching.clear();
          bestRow = row.get();
        }
        if (row.get() == bestRow) {
          matching.add(s);
        }
      }
    }
    if (matching.size() == 1) {
      return matching.get(0);
    }
    if (grid.rows().stream().allMatch(Grid.Row::isBlank)) {
      throw new FileRejectedException("not_empty", fileName + ": 文件是空的,没有任何内容");
    }
    if (matching.isEmpty()) {
      throw new FileRejectedException("feed_known", fileName
          + ": 无法识别数据类别 — 表头不像统计月报(地区/行业 + 增速/累计)、项目库或专项债券导出;"
          + "请检查表头,或用 --feed 指定");
    }
    throw new FileRejectedException("feed_known", fileName + ": 表头同时符合 "
        + String.join("、", matching.stream().map(FeedSchema::feed).toList()) + " 几类数据,请用 --feed 指定");
  }
}
