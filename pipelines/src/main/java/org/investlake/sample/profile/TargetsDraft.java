package org.investlake.sample.profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.investlake.reference.Region;
import org.investlake.reference.YearTargets;

/**
 * A year's targets for a synthetic profile, shaped like the template city's: each unit's growth
 * target near the total's, its key-project completion target from its size, the total a little
 * above the units' sum (as 衡水市's 370亿 over its units' 365亿), and the count targets scaled from
 * the template by the number of dispatched projects. Sector targets and rule thresholds are the
 * template's unchanged, so the marts judge the profile as they judge the city.
 */
final class TargetsDraft {
    /** Dispatched projects of the template city a month: its targets are scaled from this. */
    static final int TEMPLATE_PROJECTS = 600;
    /** Key-project investment completed in a year, 亿元 per key project, as in the template city. */
    private static final double YI_PER_KEY_PROJECT = 0.85;

    private static final double[] GROWTH_STEPS = {-0.5, 0.0, 0.0, 0.5, 0.5, 1.0};

    private TargetsDraft() {}

    static YearTargets draft(
            ProfileShape shape,
            List<Region> units,
            Region total,
            Region other,
            YearTargets template,
            double totalGrowth,
            int projectsPerMonth,
            Random rnd) {
        double factor = projectsPerMonth / (double) TEMPLATE_PROJECTS;
        double meanKeyYi = SyntheticProfile.KEY_PROJECT_SHARE * projectsPerMonth * YI_PER_KEY_PROJECT / units.size();

        Map<String, Double> growth = new LinkedHashMap<>();
        Map<String, Double> completed = new LinkedHashMap<>();
        growth.put(total.code(), totalGrowth);
        completed.put(total.code(), 0.0);
        double unitsSum = 0;
        for (Region u : units) {
            growth.put(u.code(), totalGrowth + GROWTH_STEPS[rnd.nextInt(GROWTH_STEPS.length)]);
            // unit sizes vary about fourfold between small counties and big districts
            double yi = Math.max(1, Math.round(meanKeyYi * Math.exp(rnd.nextGaussian() * 0.45 - 0.1)));
            completed.put(u.code(), yi);
            unitsSum += yi;
        }
        double otherYi = Math.max(1, Math.round(unitsSum * 0.01));
        completed.put(other.code(), otherYi);
        completed.put(total.code(), Math.ceil((unitsSum + otherYi) / 10) * 10);

        int keyCount = (int) (Math.floor(SyntheticProfile.KEY_PROJECT_SHARE * projectsPerMonth / 1.045 / 10) * 10);
        return new YearTargets(
                template.year(),
                shape.name() + "的合成目标(investlake sample 按 " + units.size() + " 个县级单位生成,非真实数据)",
                growth,
                template.sectorGrowthPct(),
                new YearTargets.KeyProjects(Math.max(1, keyCount), completed),
                new YearTargets.NewStart(
                        round(template.newStart().totalInvestmentYi() * factor),
                        round(template.newStart().completedYi() * factor)),
                new YearTargets.PrivatePromotion(
                        (int) Math.max(1, Math.round(template.privatePromotion().count() * factor)),
                        round(template.privatePromotion().totalInvestmentYi() * factor)),
                template.dispatch(),
                template.majorReserveMinYi(),
                template.rules());
    }

    private static double round(double v) {
        return Math.max(1, Math.round(v));
    }
}
