package org.investlake.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.YearTargets;

/**
 * The year's special-bond (专项债券) projects: issued in five batches, most started by mid-year,
 * investment and bond spending rising month by month, spending never above the bond nor above the
 * investment done. One bad row is planted: in 10月 one project reports spending more than its bond.
 */
final class BondPortfolio {
    static final int OVERSPENT_MONTH = 10;

    /** One bond-financed project; amounts in 万元, cumulative figures in tenths of 万元 by month. */
    static final class Bond {
        String code;
        String name;
        Region region;
        int batch;
        LocalDate issueDate;
        long amountWan;
        long planWan;
        /** 0 = under way before the year; 13 = does not start this year. */
        int startMonth;

        final long[] completedTenths = new long[13];
        final long[] spentTenths = new long[13];

        int issueMonth() {
            return issueDate.getMonthValue();
        }

        boolean startedBy(int m) {
            return startMonth <= m;
        }
    }

    // Batch k is issued in BATCH_MONTH[k]; BATCH_WEIGHT says how many projects each batch funds.
    private static final int[] BATCH_MONTH = {0, 1, 3, 5, 7, 9};
    private static final int[] BATCH_WEIGHT = {0, 40, 25, 15, 12, 8};

    private final List<Bond> bonds = new ArrayList<>();
    Bond overspent;

    BondPortfolio(int year, ReferenceData ref, YearTargets targets, ProjectCodes codes, Random rnd) {
        String city = ref.cityTotal().code();
        List<Region> regions =
                ref.regions().stream().filter(r -> !r.code().equals(city)).toList();
        Map<String, Double> keyTargets = targets.keyProjects().completedYi();
        int count = 64 + rnd.nextInt(7);
        int[] perRegion = new int[regions.size()];
        int assigned = 0;
        for (int i = 0; i < regions.size(); i++) {
            perRegion[i] = 3;
            assigned += perRegion[i];
        }
        double weightSum = regions.stream()
                .mapToDouble(r -> keyTargets.getOrDefault(r.code(), 10.0) + 5)
                .sum();
        while (assigned < count) {
            double x = rnd.nextDouble() * weightSum;
            int i = 0;
            while (i < regions.size() - 1
                    && (x -= keyTargets.getOrDefault(regions.get(i).code(), 10.0) + 5) >= 0) {
                i++;
            }
            perRegion[i]++;
            assigned++;
        }
        for (int i = 0; i < regions.size(); i++) {
            for (int k = 0; k < perRegion[i]; k++) {
                bonds.add(draw(year, ref, regions.get(i), codes::next, rnd));
            }
        }
        // Never-starters: three of the spring issues, so they stand out on the 开工率 all year.
        List<Bond> spring = bonds.stream().filter(b -> b.batch == 2).toList();
        for (int k = 0; k < 3 && k < spring.size(); k++) {
            spring.get(k * spring.size() / 3).startMonth = 13;
        }
        for (Bond b : bonds) {
            plot(b, rnd);
        }
        bonds.sort(Comparator.comparingInt((Bond b) -> b.batch).thenComparing(b -> regions.indexOf(b.region)));
        overspent = bonds.stream()
                .filter(b -> b.startMonth <= 3 && b.spentTenths[OVERSPENT_MONTH] > 0)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no bond fits the planted overspent row"));
    }

    List<Bond> bonds() {
        return bonds;
    }

    /** Issues a bond's project code: its region, approval year and month, industry. */
    interface CodeIssuer {
        String next(String regionCode, int approvalYear, int approvalMonth, int industry);
    }

    static Bond draw(int year, ReferenceData ref, Region r, CodeIssuer codes, RandomGenerator rnd) {
        Bond b = new Bond();
        b.region = r;
        int x = rnd.nextInt(100);
        b.batch = 1;
        while (b.batch < 5 && (x -= BATCH_WEIGHT[b.batch]) >= 0) {
            b.batch++;
        }
        b.issueDate = LocalDate.of(year, BATCH_MONTH[b.batch], 10 + rnd.nextInt(16));
        b.amountWan = Math.max(1000, Math.round(Math.exp(Math.log(8000) + rnd.nextGaussian() * 0.7) / 100.0) * 100);
        b.planWan = Math.round(b.amountWan * (1.2 + 1.3 * rnd.nextDouble()));
        double s = rnd.nextDouble();
        b.startMonth = s < 0.35 ? 0 : Math.min(12, b.issueMonth() + (s < 0.7 ? 0 : s < 0.9 ? 1 : 2 + rnd.nextInt(2)));
        b.code = codes.next(r.code(), year - 1 - rnd.nextInt(2), 1 + rnd.nextInt(12), 1 + rnd.nextInt(11));
        b.name = ProjectNames.bond(ProjectNames.place(r, ref.city()), rnd);
        return b;
    }

    /** Investment follows an S-curve from the start; spending follows its own, capped by both. */
    static void plot(Bond b, RandomGenerator rnd) {
        double finish = 0.85 + 0.2 * rnd.nextDouble();
        double spendShare = 0.75 + 0.23 * rnd.nextDouble();
        int workFrom = Math.max(1, b.startMonth);
        int spendFrom = Math.max(workFrom, b.issueMonth());
        for (int m = 1; m <= 12; m++) {
            if (b.startMonth > m) {
                continue;
            }
            long completed =
                    Math.round(b.planWan * 10 * finish * Project.sCurve((m - workFrom + 1) / (13.0 - workFrom)));
            long spent = m < spendFrom
                    ? 0
                    : Math.round(
                            b.amountWan * 10 * spendShare * Project.sCurve((m - spendFrom + 1) / (13.0 - spendFrom)));
            b.completedTenths[m] = completed;
            b.spentTenths[m] = Math.min(spent, completed);
        }
    }
}
