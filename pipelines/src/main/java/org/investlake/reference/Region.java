package org.investlake.reference;

import java.util.List;

/** A county-level unit (县市区), the 全市 total, or 市本级. */
public record Region(String code, String name, Kind kind, List<String> aliases) {

    /** What the region stands for in rankings and totals. */
    public enum Kind {
        /** The city total (全市): never ranked. */
        CITY,
        /** One of the units the work plan sets growth targets for and ranks. */
        UNIT,
        /** Reported but neither a unit nor the total (市本级). */
        OTHER
    }

    public boolean isRankedUnit() {
        return kind == Kind.UNIT;
    }
}
