package org.investlake.sample.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.YearTargets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The province profile as written to disk and read back by the loader's own ReferenceData. */
class SyntheticProfileTest {
    private static final ReferenceData BUNDLED = ReferenceData.bundled();

    @TempDir
    static Path dir;

    private static ReferenceData province;

    @BeforeAll
    static void writeAndLoad() throws IOException {
        SyntheticProfile p = SyntheticProfile.draw(ProfileShape.province(170), BUNDLED, 2023, 60_000);
        province = ReferenceData.load(ProfileFiles.write(p, dir.resolve("profile")));
    }

    @Test
    void hasOneTotalAnd170DistinctUnits() {
        List<Region> units = province.rankedUnits();
        assertThat(province.city()).isEqualTo("示例省");
        assertThat(province.cityTotal().code()).isEqualTo("990000");
        assertThat(units).hasSize(170);
        assertThat(units.stream().map(Region::code).distinct()).hasSize(170).allMatch(c -> c.matches("99\\d{4}"));
        assertThat(units.stream().map(Region::name).distinct()).hasSize(170);
        // 172 regions (total, 170 units, 省本级): every name, code and alias finds its own region
        assertThat(province.regions()).hasSize(172);
        Set<String> labels = new HashSet<>();
        for (Region r : province.regions()) {
            assertThat(province.region(r.name())).contains(r);
            assertThat(province.region(r.code())).contains(r);
            r.aliases().forEach(a -> assertThat(province.region(a)).as(a).contains(r));
            assertThat(labels.add(r.name())).as(r.name()).isTrue();
        }
        // 16 units a prefecture (02-04, 21-32, 81): the 170th is the 10th of prefecture 11, county 27
        assertThat(units.get(169).code()).isEqualTo("991127");
        assertThat(province.messagePlaceholders()).containsEntry("units", "170").containsEntry("code_prefix", "99xxxx");
    }

    @Test
    void hasTheBundledSectorsAndTheirTargets() {
        assertThat(province.sectors()).isEqualTo(BUNDLED.sectors());
        YearTargets mine = province.targets(2023).orElseThrow();
        YearTargets template = BUNDLED.targets(2023).orElseThrow();
        assertThat(mine.sectorGrowthPct()).isEqualTo(template.sectorGrowthPct());
        assertThat(mine.rules()).isEqualTo(template.rules());
        assertThat(mine.dispatch()).isEqualTo(template.dispatch());
    }

    @Test
    void everyUnitHasTargetsThatAddUp() {
        YearTargets t = province.targets(2023).orElseThrow();
        String total = province.cityTotal().code();
        double sum = 0;
        for (Region r : province.rankedUnits()) {
            // growth targets are the total's 7.0 moved by -0.5 … +1.0 in half points
            assertThat(t.faiGrowthPct().get(r.code())).as(r.name()).isBetween(6.5, 8.0);
            assertThat(t.keyProjects().completedYi().get(r.code())).as(r.name()).isPositive();
            sum += t.keyProjects().completedYi().get(r.code());
        }
        sum += t.keyProjects().completedYi().get("990099");
        assertThat(t.faiGrowthPct().get(total)).isEqualTo(7.0);
        // the total is the sum rounded up to ten 亿, as 衡水市's 370 sits above its units' 365 + 3
        double city = t.keyProjects().completedYi().get(total);
        assertThat(city).isGreaterThanOrEqualTo(sum).isLessThan(sum + 10);
        // 60,000 projects × 0.72 key ÷ 1.045, floored to tens: 43,200 / 1.045 = 41,339.7 → 41,330
        assertThat(t.keyProjects().count()).isEqualTo(41_330);
        // the city's 20 promoted projects per 600 projects: 20 × 100 = 2,000
        assertThat(t.privatePromotion().count()).isEqualTo(2_000);
    }

    @Test
    void theSameArgumentsWriteTheSameFiles() throws IOException {
        Path again = dir.resolve("again");
        ProfileFiles.write(SyntheticProfile.draw(ProfileShape.province(170), BUNDLED, 2023, 60_000), again);
        for (String f : List.of("city.yaml", "targets/2023.yaml")) {
            assertThat(Files.readString(again.resolve(f))).isEqualTo(Files.readString(dir.resolve("profile/" + f)));
        }
    }

    @Test
    void aNationSpreadsItsUnitsOverTheProvinces() {
        SyntheticProfile nation = SyntheticProfile.draw(ProfileShape.nation(2_850), BUNDLED, 2023, 1_000_000);
        List<Region> units =
                nation.regions().stream().filter(Region::isRankedUnit).toList();
        assertThat(units.stream().map(Region::code).distinct()).hasSize(2_850);
        assertThat(units.stream().map(Region::name).distinct()).hasSize(2_850);
        // 2,850 over 31 provinces: 91 each and one more for the first 29 (29 × 92 + 2 × 91 = 2,850)
        assertThat(units.stream().filter(u -> u.code().startsWith("11"))).hasSize(92);
        assertThat(units.stream().filter(u -> u.code().startsWith("65"))).hasSize(91);
    }
}
