package org.investlake.ingest;

import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;

/**
 * Where things are in one delivered file: the header row, which column holds which field (and the
 * header text the clerk sees), the 万元 factor of each amount column, and the title above the header
 * with the period it names.
 */
record FileLayout(
        int headerRowIndex,
        Map<String, Integer> columnIndex,
        Map<String, String> headerText,
        Map<String, Double> wanFactor,
        String title,
        Optional<YearMonth> titlePeriod) {

    boolean has(String column) {
        return columnIndex.containsKey(column);
    }
}
