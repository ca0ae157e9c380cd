package org.investlake.sample;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.Sector;
import org.investlake.reference.YearTargets;

/**
 * Draws project number {@code i} of a PROVINCE or NATION sample from its own generator, with the
 * city portfolio's mix (levels, sectors, 建设性质, start months, amounts, libraries) but nothing
 * that needs the other projects: each unit's key projects come first in its block and share its
 * key-project target on average, a few start late or never, some are promoted to private capital
 * at the rate the promotion target asks. Codes are unique by construction: the unit's division code
 * and the project's place in its unit.
 */
final class ProjectDraw {
    /** Serials of project codes: projects from 100000, bonds from {@link BondDraw#FIRST_SERIAL}. */
    static final int FIRST_SERIAL = 100_000;

    private static final double PROVINCIAL_SHARE = 0.14;
    private static final double LATE_SHARE = 0.03;
    private static final double NEVER_SHARE = 0.015;
    /** exp(0.7 Z) averages exp(0.245): dividing by it keeps a unit's plans at its target on average. */
    private static final double MEAN_WEIGHT = Math.exp(0.245);

    private final int year;
    private final String place;
    private final List<Sector> sectors;
    private final UnitBlocks blocks;
    private final long[] keyCount;
    private final double[] keyPlanWan;
    private final long minimumWan;
    private final double promoteRate;
    private final Region laggard;
    private final Region collapsing;

    ProjectDraw(
            int year,
            ReferenceData ref,
            YearTargets targets,
            UnitBlocks blocks,
            double keyShare,
            Region laggard,
            Region collapsing) {
        this.year = year;
        this.place = ref.city();
        this.blocks = blocks;
        this.laggard = laggard;
        this.collapsing = collapsing;
        this.sectors = ref.sectors().stream()
                .filter(s -> targets.sectorGrowthPct().containsKey(s.code()))
                .toList();
        Map<String, Double> keyTargets = targets.keyProjects().completedYi();
        keyCount = new long[blocks.units()];
        keyPlanWan = new double[blocks.units()];
        for (int u = 0; u < blocks.units(); u++) {
            keyCount[u] = Math.max(1, Math.round(blocks.count(u) * keyShare));
            double planWan = keyTargets.getOrDefault(blocks.region(u).code(), 1.0) * 10_000 * 1.1;
            keyPlanWan[u] = planWan / keyCount[u];
        }
        for (int u = 0; u < blocks.units(); u++) {
            if (FIRST_SERIAL + blocks.count(u) > BondDraw.FIRST_SERIAL) {
                throw new IllegalArgumentException(
                        "too many projects in " + blocks.region(u).name() + " for their serials");
            }
        }
        minimumWan = Math.round(targets.dispatch().minTotalInvestmentWan());
        // about 29% of all projects are key, promotable, started and not in preparation; promote a
        // quarter more of them than the target counts, as the city does
        promoteRate = Math.min(1, targets.privatePromotion().count() * 1.25 / (0.29 * blocks.total()));
    }

    long count() {
        return blocks.total();
    }

    Project draw(long index) {
        SplittableRandom rnd = DrawSeed.of(year, "project", index);
        int u = blocks.unitOf(index);
        Region r = blocks.region(u);
        long ordinal = index - blocks.start(u);
        boolean key = ordinal < keyCount[u];
        Project p = new Project();
        p.region = r;
        p.level = !key
                ? Project.Level.GENERAL
                : rnd.nextDouble() < PROVINCIAL_SHARE ? Project.Level.PROVINCIAL : Project.Level.CITY;
        p.sectorIndex = ProjectPortfolio.pickSector(sectors, rnd);
        p.sector = sectors.get(p.sectorIndex);
        YearMonth approval = ProjectPortfolio.natureAndDates(p, year, rnd);
        p.code = code(r, approval, p.sectorIndex + 1, 1 + rnd.nextInt(3), FIRST_SERIAL + ordinal);
        Region neighbour = blocks.region((u + 1) % blocks.units());
        p.name = ProjectNames.project(
                p.sector.code(), ProjectNames.place(r, place), ProjectNames.place(neighbour, place), rnd);
        if (r.equals(laggard)) {
            p.finish = 0.70 + 0.15 * rnd.nextDouble();
        } else {
            p.finish = Math.max(0.86, Math.min(1.08, 0.98 + rnd.nextGaussian() * 0.05));
            p.slowFrom = r.equals(collapsing) ? 6 : 0;
        }
        if (key) {
            double weight = Math.exp(rnd.nextGaussian() * 0.7) / MEAN_WEIGHT;
            weight *= p.nature == Project.Nature.PREPARATION ? 0.1 : 1;
            p.planWan = Math.max(300, Math.round(keyPlanWan[u] * weight));
            p.totalWan = ProjectPortfolio.keyTotalWan(p, rnd);
            lateOrNever(p, rnd);
        } else {
            ProjectPortfolio.generalAmounts(p, minimumWan, rnd);
        }
        p.promoted = key
                && !p.late
                && p.nature != Project.Nature.PREPARATION
                && ProjectPortfolio.PROMOTABLE.contains(p.sector.code())
                && rnd.nextDouble() < promoteRate;
        p.library = ProjectPortfolio.library(p, rnd);
        p.leader = key ? ProjectNames.cityLeader(p.sectorIndex) : ProjectNames.countyLeader(r, rnd);
        p.department = key ? ProjectNames.department(p.sector.code()) : ProjectNames.countyDepartment(r);
        p.plotProgress(year);
        return p;
    }

    /** As the city's late starters: four months after a spring plan, or not at all this year. */
    private void lateOrNever(Project p, SplittableRandom rnd) {
        if (p.nature != Project.Nature.NEW) {
            return;
        }
        double x = rnd.nextDouble();
        if (x < LATE_SHARE) {
            p.plannedStart = YearMonth.of(year, 3 + rnd.nextInt(4));
            p.actualStart = p.plannedStart.plusMonths(4);
            p.finish = 0.8;
            p.late = true;
        } else if (x < LATE_SHARE + NEVER_SHARE) {
            p.plannedStart = YearMonth.of(year, 4 + rnd.nextInt(4));
            p.actualStart = null;
            p.late = true;
        }
    }

    /** A national project code (YYMM-RRRRRR-II-TT-SSSSSS) whose serial is the project's place in its unit. */
    static String code(Region r, YearMonth approval, int industry, int approvalType, long serial) {
        return ExportText.two(approval.getYear() % 100) + ExportText.two(approval.getMonthValue()) + "-" + r.code()
                + "-" + ExportText.two(industry) + "-" + ExportText.two(approvalType) + "-" + serial;
    }
}
