package org.investlake.sample;

import org.investlake.sample.profile.ProfileShape;

/**
 * How large a sample to write. CITY is the bundled city as it really is, written the way its
 * bureaus write (xlsx and CSV, a planted story, a few bad rows). PROVINCE and NATION are a
 * synthetic province or country of their own (a profile written beside the exports) with a
 * realistic number of county-level units and dispatched projects, written as plain CSV and
 * Parquet exports of a provincial or national platform, for benchmarks.
 */
public enum SampleScale {
    /** One city as it really is: 13 units, about 600 dispatched projects and 70 bond projects. */
    CITY(null),
    /** A province's development and reform commission: about 170 county-level units, 60,000 projects a month. */
    PROVINCE(new SampleSize(170, 60_000)),
    /** The national picture: about 2,850 county-level units, a million projects a month. */
    NATION(new SampleSize(2_850, 1_000_000));

    private final SampleSize size;

    SampleScale(SampleSize size) {
        this.size = size;
    }

    /** The units and projects a PROVINCE or NATION sample has unless told otherwise; null for CITY. */
    public SampleSize defaultSize() {
        return size;
    }

    /** Whether this scale writes a synthetic profile of its own instead of using the given city's. */
    public boolean hasOwnProfile() {
        return this != CITY;
    }

    /** The synthetic profile of {@code units} units this scale draws. */
    ProfileShape shape(int units) {
        return switch (this) {
            case PROVINCE -> ProfileShape.province(units);
            case NATION -> ProfileShape.nation(units);
            case CITY -> throw new IllegalStateException("the city scale uses the given reference data");
        };
    }

    /** Excel is only written at CITY scale: at the larger scales POI's memory use would be the benchmark. */
    boolean writesExcel() {
        return this == CITY;
    }
}
