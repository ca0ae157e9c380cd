package org.investlake.marts;

import static org.assertj.core.api.Assertions.assertThat;

import org.investlake.storage.SqlFiles;
import org.investlake.storage.TableDoc;
import org.junit.jupiter.api.Test;

/** What a change to a table reaches: the marts built from it, directly or through another mart. */
class MartInputsTest {
    @Test
    void silverBondsReachesTheScorecardThroughBondProgress() {
        // bond_progress reads silver.bonds; region_scorecard reads gold.bond_progress (and silver.bonds);
        // consistency_checks reads silver.bonds (spending against completed investment)
        assertThat(BuildJob.martsReading("silver.bonds"))
                .containsExactly("bond_progress", "region_scorecard", "consistency_checks");
    }

    @Test
    void aGoldMartReachesOnlyTheMartsBuiltFromIt() {
        // the scorecard and the consistency checks read gold.region_growth; nothing reads the scorecard
        assertThat(BuildJob.martsReading("gold.region_growth"))
                .containsExactly("region_scorecard", "consistency_checks");
        assertThat(BuildJob.martsReading("gold.region_scorecard")).isEmpty();
    }

    @Test
    void aMartThatJoinsLastYearSaysSoInItsYml() {
        // a join on "year - 1" reads last year's rows: its yml must say reads_previous_year, or a late or restated
        // last year would leave this year's rows as they were (PreviousYearRebuildTest); and only such a mart does
        for (String mart : BuildJob.MARTS) {
            boolean joinsLastYear =
                    SqlFiles.load("gold", mart).replaceAll("\\s+", " ").contains("year - 1");
            assertThat(TableDoc.load("gold", mart).readsPreviousYear())
                    .as("gold.%s reads_previous_year", mart)
                    .isEqualTo(joinsLastYear);
        }
        assertThat(TableDoc.load("gold", "target_outlook").readsPreviousYear()).isTrue();
    }
}
