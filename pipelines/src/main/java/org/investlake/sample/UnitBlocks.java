package org.investlake.sample;

import java.util.Arrays;
import java.util.List;
import org.investlake.reference.Region;

/**
 * Numbers a large list (projects, bonds) unit by unit: unit 0 holds indexes {@code 0 … n0-1}, unit 1
 * the next {@code n1}, and so on, every unit at least one, the rest shared by weight (largest
 * remainders). Only the boundaries are kept, so any index finds its unit without the list itself.
 */
final class UnitBlocks {
    private final List<Region> units;
    private final long[] starts;
    private final long total;

    UnitBlocks(List<Region> units, double[] weights, long total) {
        if (total < units.size()) {
            throw new IllegalArgumentException(total + " rows cannot give each of " + units.size() + " units one");
        }
        this.units = List.copyOf(units);
        this.total = total;
        int n = units.size();
        double sum = Arrays.stream(weights).sum();
        long spare = total - n;
        long[] counts = new long[n];
        double[] remainder = new double[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            double exact = spare * weights[i] / sum;
            counts[i] = 1 + (long) Math.floor(exact);
            remainder[i] = exact - Math.floor(exact);
            given += counts[i];
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        for (int k = 0; given < total; k++) {
            counts[order[k % n]]++;
            given++;
        }
        starts = new long[n + 1];
        for (int i = 0; i < n; i++) {
            starts[i + 1] = starts[i] + counts[i];
        }
    }

    long total() {
        return total;
    }

    int units() {
        return units.size();
    }

    Region region(int unit) {
        return units.get(unit);
    }

    long start(int unit) {
        return starts[unit];
    }

    long count(int unit) {
        return starts[unit + 1] - starts[unit];
    }

    /** The unit an index falls in. */
    int unitOf(long index) {
        int i = Arrays.binarySearch(starts, index);
        return i >= 0 ? i : -i - 2;
    }
}
