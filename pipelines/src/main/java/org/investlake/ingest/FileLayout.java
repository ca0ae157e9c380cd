package org.investlake.ingest;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where things are in one delivered file: the header (its first and last row — several rows for a
 * two-level header — and one name per column), which column holds which field (and the header text the
 * clerk sees), the 万元 factor of each amount column, the title above the header with the period it
 * names, and notes for the report (columns recognised and left out).
 */
record FileLayout(
        int headerFirstRowIndex,
        int headerRowIndex,
        List<String> header,
        Map<String, Integer> columnIndex,
        Map<String, String> headerText,
        Map<String, Double> wanFactor,
        String title,
        Optional<YearMonth> titlePeriod,
        List<String> notes) {

    /** This layout with further notes for the report. */
    FileLayout withNotes(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new FileLayout(
                headerFirstRowIndex,
                headerRowIndex,
                header,
                columnIndex,
                headerText,
                wanFactor,
                title,
                titlePeriod,
                List.copyOf(all));
    }

    boolean has(String column) {
        return columnIndex.containsKey(column);
    }
}
