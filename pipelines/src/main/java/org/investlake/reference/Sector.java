package org.investlake.reference;

import java.util.List;

/** A sector (行业领域) with its stable ASCII code; {@code all} is the all-sectors total. */
public record Sector(String code, String name, String parent, List<String> aliases) {
    public static final String ALL = "all";
}
