package org.investlake.sample.profile;

import java.util.List;

/**
 * What a synthetic profile is made of: the name it goes by, its total row (全省 / 全国) and the
 * one reported-but-unranked row (省本级 / 中央本级) with their codes, the two-digit provinces its
 * units' codes start with, and how many units it has.
 */
public record ProfileShape(
        String name,
        String totalName,
        String totalCode,
        String otherName,
        String otherCode,
        List<String> provinces,
        int units) {

    // The 31 provincial codes of GB/T 2260, so a national profile's codes look like real ones.
    private static final List<String> ALL_PROVINCES = List.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
            "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65");

    public ProfileShape {
        provinces = List.copyOf(provinces);
        if (units < 1 || units > UnitNames.CAPACITY) {
            throw new IllegalArgumentException("units must be 1.." + UnitNames.CAPACITY + ", got " + units);
        }
    }

    /** A made-up province, 示例省, code 99 (no real province has it). */
    public static ProfileShape province(int units) {
        return new ProfileShape("示例省", "全省", "990000", "省本级", "990099", List.of("99"), units);
    }

    /** A made-up country, 全国示例, its units spread over the 31 provinces' codes. */
    public static ProfileShape nation(int units) {
        return new ProfileShape("全国示例", "全国", "100000", "中央本级", "100099", ALL_PROVINCES, units);
    }

    /** The aliases of the total row: the profile's name and the words a 合计 row is written with. */
    List<String> totalAliases() {
        return List.of(name, "合计", totalName + "合计", "总计");
    }
}
