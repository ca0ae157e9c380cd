package org.investlake.sample;

/**
 * How large a sample to write. Larger scales multiply the project and bond rows (for benchmarks);
 * the statistics stay one row per region and sector, as a real bureau publishes them.
 */
public enum SampleScale {
    /** One city as it really is: about 600 dispatched projects and 70 bond projects. */
    CITY(1),
    /** About twenty cities' worth of project rows. */
    PROVINCE(20),
    /** About two hundred cities' worth of project rows. */
    NATION(200);

    private final int projectMultiplier;

    SampleScale(int projectMultiplier) {
        this.projectMultiplier = projectMultiplier;
    }

    /** How many times the CITY project and bond counts this scale writes. */
    public int projectMultiplier() {
        return projectMultiplier;
    }

    /** Excel is only written at CITY scale: at the larger scales POI's memory use would be the benchmark. */
    boolean writesExcel() {
        return this == CITY;
    }
}
