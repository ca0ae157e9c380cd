package org.investlake.sample;

import java.time.YearMonth;
import java.util.SplittableRandom;
import org.investlake.reference.ReferenceData;

/**
 * Draws special-bond project number {@code i} of a PROVINCE or NATION sample from its own
 * generator, as the city's bond portfolio draws one (batch, issue date, amounts, start, S-curves of
 * investment and spending); about one in eight spring issues never starts, as in the city. Codes
 * follow {@link ProjectDraw#code}, with serials from 500000 so no bond shares a project's code.
 */
final class BondDraw {
    static final int FIRST_SERIAL = 500_000;
    private static final double NEVER_SHARE_OF_SPRING = 0.12;

    private final int year;
    private final ReferenceData ref;
    private final UnitBlocks blocks;

    BondDraw(int year, ReferenceData ref, UnitBlocks blocks) {
        this.year = year;
        this.ref = ref;
        this.blocks = blocks;
        for (int u = 0; u < blocks.units(); u++) {
            if (FIRST_SERIAL + blocks.count(u) > 999_999) {
                throw new IllegalArgumentException(
                        "too many bonds in " + blocks.region(u).name() + " for their serials");
            }
        }
    }

    long count() {
        return blocks.total();
    }

    BondPortfolio.Bond draw(long index) {
        SplittableRandom rnd = DrawSeed.of(year, "bond", index);
        int u = blocks.unitOf(index);
        long serial = FIRST_SERIAL + index - blocks.start(u);
        BondPortfolio.Bond b = BondPortfolio.draw(
                year,
                ref,
                blocks.region(u),
                (region, approvalYear, approvalMonth, industry) -> ProjectDraw.code(
                        blocks.region(u),
                        YearMonth.of(approvalYear, approvalMonth),
                        industry,
                        (int) (1 + serial % 3),
                        serial),
                rnd);
        if (b.batch == 2 && rnd.nextDouble() < NEVER_SHARE_OF_SPRING) {
            b.startMonth = 13;
        }
        BondPortfolio.plot(b, rnd);
        return b;
    }
}
