package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a change to a table reaches: the marts built from it, directly or through another mart. */
class MartInputsTest {
    @Test
    void silverBondsReachesTheScorecardThroughBondProgress() {
        // bond_progress reads silver.bonds; region_scorecard reads gold.bond_progress (and silver.bonds)
        assertThat(BuildJob.martsReading("silver.bonds")).containsExactly("bond_progress", "region_scorecard");
    }

    @Test
    void aGoldMartReachesOnlyTheMartsBuiltFromIt() {
        // only the scorecard reads gold.region_growth; nothing reads the scorecard
        assertThat(BuildJob.martsReading("gold.region_growth")).containsExactly("region_scorecard");
        assertThat(BuildJob.martsReading("gold.region_scorecard")).isEmpty();
    }
}
