package org.investlake.sample;

/**
 * The size of a PROVINCE or NATION sample: county-level units, dispatched projects in every monthly
 * export, and special-bond projects in the year (one for every nine projects, as in the city).
 */
public record SampleSize(int units, int projects, int bonds) {

    public SampleSize {
        if (units < 1 || projects < units || bonds < 1) {
            throw new IllegalArgumentException("a sample needs at least one unit, a project per unit and a bond: "
                    + units + ", " + projects + ", " + bonds);
        }
    }

    public SampleSize(int units, int projects) {
        this(units, projects, Math.max(1, projects / 9));
    }
}
