package org.investlake.sample;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Issues national investment-project codes (GB/T 40058-2021 shape {@code YYMM-RRRRRR-II-TT-SSSSSS}:
 * approval month, region code, industry, approval type, serial), never the same one twice across
 * every feed of a sample, since the code is the key the loader deduplicates on.
 */
final class ProjectCodes {
    private final Set<String> issued = new HashSet<>();
    private final Random rnd;

    ProjectCodes(Random rnd) {
        this.rnd = rnd;
    }

    /**
     * A fresh code. {@code industry} is the two-digit industry field; the approval type is one of
     * 审批 / 核准 / 备案 (01 / 02 / 03).
     */
    String next(String regionCode, int approvalYear, int approvalMonth, int industry) {
        String prefix = ExportText.two(approvalYear % 100) + ExportText.two(approvalMonth) + "-" + regionCode + "-"
                + ExportText.two(industry) + "-" + ExportText.two(1 + rnd.nextInt(3)) + "-";
        while (true) {
            String code = prefix + (100_000 + rnd.nextInt(900_000));
            if (issued.add(code)) {
                return code;
            }
        }
    }
}
