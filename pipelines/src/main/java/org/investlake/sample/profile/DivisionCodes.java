package org.investlake.sample.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * Six-digit division codes for county-level units the way GB/T 2260 lays them out: province (2
 * digits), prefecture (2), county (2), where a prefecture numbers its districts from 02, its
 * counties from 21 and its county-level cities from 81. The suffix of the unit's name follows.
 */
final class DivisionCodes {
    /** One unit's code and the suffix its name takes. */
    record Slot(String code, String suffix) {}

    // A prefecture of 16 units: 3 districts, 12 counties, 1 county-level city.
    private static final String[] COUNTY = {
        "02", "03", "04", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "81"
    };

    private DivisionCodes() {}

    /**
     * {@code count} distinct codes spread as evenly as possible over the given two-digit provinces,
     * in code order.
     */
    static List<Slot> spread(List<String> provinces, int count) {
        if (count > provinces.size() * 99 * COUNTY.length) {
            throw new IllegalArgumentException("too many units for " + provinces.size() + " provinces: " + count);
        }
        List<Slot> slots = new ArrayList<>(count);
        for (int p = 0; p < provinces.size(); p++) {
            int here = count / provinces.size() + (p < count % provinces.size() ? 1 : 0);
            for (int k = 0; k < here; k++) {
                String county = COUNTY[k % COUNTY.length];
                String code = provinces.get(p) + two(k / COUNTY.length + 1) + county;
                slots.add(new Slot(code, county.startsWith("0") ? "区" : county.startsWith("8") ? "市" : "县"));
            }
        }
        return slots;
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
