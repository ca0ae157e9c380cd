package org.investlake.sample;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.investlake.reference.ReferenceData;
import org.investlake.reference.Region;
import org.investlake.reference.Sector;
import org.investlake.reference.YearTargets;

/**
 * The year's list of dispatched projects (省市重点 plus 一般 projects of 5000万 and more), drawn so
 * the year's targets are in reach: key projects spread over the regions in proportion to their
 * completed-investment targets with annual plans of 105–115 % of them, new starts above the new-start
 * target, enough projects promoted to private capital. Planted on top: a few projects late to start,
 * a couple that never start, the laggard county finishing short and the collapsing one slowing from
 * June, and three bad rows.
 */
final class ProjectPortfolio {
    static final int BAD_CODE_MONTH = 6;
    static final int OVERRUN_MONTH = 9;
    static final int UNKNOWN_SECTOR_MONTH = 11;
    static final String UNKNOWN_SECTOR = "航天";

    static final Map<String, Integer> SECTOR_WEIGHT = Map.ofEntries(
            Map.entry("industry", 30),
            Map.entry("industry_techrenov", 10),
            Map.entry("transport", 9),
            Map.entry("energy", 9),
            Map.entry("municipal", 10),
            Map.entry("water", 5),
            Map.entry("real_estate", 8),
            Map.entry("education", 5),
            Map.entry("culture_tourism", 5),
            Map.entry("health", 4),
            Map.entry("agriculture", 5));
    /** Sectors the work plan names for promotion to private capital (铁路、公路、能源、水利、市政、社会事业). */
    static final Set<String> PROMOTABLE =
            Set.of("transport", "energy", "water", "municipal", "education", "health", "culture_tourism");
    /** Planned start months of new projects: the quarterly 集中开工 in March, June and September. */
    private static final int[] START_MONTH_WEIGHT = {0, 0, 6, 16, 12, 11, 15, 9, 8, 13, 8, 0, 0};

    private final int year;
    private final ReferenceData ref;
    private final YearTargets targets;
    private final Random rnd;
    private final ProjectCodes codes;
    private final List<Sector> sectors;
    private final List<Project> projects = new ArrayList<>();
    private final Map<String, Integer> names = new HashMap<>();
    private final Region laggard;
    private final Region collapsing;
    Project badCode;
    Project overrun;
    Project unknownSector;

    ProjectPortfolio(
            int year,
            ReferenceData ref,
            YearTargets targets,
            ProjectCodes codes,
            Random rnd,
            Region laggard,
            Region collapsing) {
        this.year = year;
        this.ref = ref;
        this.targets = targets;
        this.rnd = rnd;
        this.codes = codes;
        this.laggard = laggard;
        this.collapsing = collapsing;
        this.sectors = ref.sectors().stream()
                .filter(s -> targets.sectorGrowthPct().containsKey(s.code()))
                .toList();

        Map<String, Double> keyTargets = targets.keyProjects().completedYi();
        String city = ref.cityTotal().code();
        List<Region> regions = ref.regions().stream()
                .filter(r -> !r.code().equals(city) && keyTargets.containsKey(r.code()))
                .toList();
        double targetSum =
                regions.stream().mapToDouble(r -> keyTargets.get(r.code())).sum();

        int keyCount = (int) Math.round(targets.keyProjects().count() * (1.025 + 0.04 * rnd.nextDouble()));
        int[] perRegion = new int[regions.size()];
        int biggest = 0;
        int assigned = 0;
        for (int i = 0; i < regions.size(); i++) {
            double t = keyTargets.get(regions.get(i).code());
            perRegion[i] = Math.max(2, (int) Math.round(keyCount * t / targetSum));
            assigned += perRegion[i];
            biggest = t > keyTargets.get(regions.get(biggest).code()) ? i : biggest;
        }
        perRegion[biggest] += keyCount - assigned;

        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            double planWan = keyTargets.get(r.code()) * 10_000 * (1.05 + 0.10 * rnd.nextDouble());
            addKeyProjects(r, perRegion[i], planWan);
        }
        int general = (140 + rnd.nextInt(21));
        for (int k = 0; k < general; k++) {
            addGeneralProject(pickRegion(regions, keyTargets));
        }
        markProvincial(Math.round(keyCount * 0.14f));
        markLate(6, 3);
        promote(
                (targets.privatePromotion().count() + 5),
                targets.privatePromotion().totalInvestmentYi() * 10_000 * 1.15);
        ensureNewStartTotal(targets.newStart().totalInvestmentYi() * 10_000 * 1.12);
        for (Project p : projects) {
            p.library = library(p, rnd);
            p.leader =
                    p.level.isKey() ? ProjectNames.cityLeader(p.sectorIndex) : ProjectNames.countyLeader(p.region, rnd);
            p.department = p.level.isKey()
                    ? ProjectNames.department(p.sector.code())
                    : ProjectNames.countyDepartment(p.region);
            p.plotProgress(year);
        }
        List<Region> order = ref.regions();
        projects.sort(
                Comparator.<Project>comparingInt(p -> order.indexOf(p.region)).thenComparing(p -> p.level));
        pickBadRows();
    }

    List<Project> projects() {
        return projects;
    }

    /** Key projects of one region share its plan by random weights; a 前期 one needs little money this year. */
    private void addKeyProjects(Region r, int count, double planWan) {
        List<Project> mine = new ArrayList<>();
        double[] weight = new double[count];
        double sum = 0;
        for (int k = 0; k < count; k++) {
            Project p = newProject(r, Project.Level.CITY);
            weight[k] = Math.exp(rnd.nextGaussian() * 0.7) * (p.nature == Project.Nature.PREPARATION ? 0.1 : 1);
            sum += weight[k];
            mine.add(p);
        }
        for (int k = 0; k < count; k++) {
            Project p = mine.get(k);
            p.planWan = Math.max(300, Math.round(planWan * weight[k] / sum));
            p.totalWan = keyTotalWan(p, rnd);
        }
        projects.addAll(mine);
    }

    /** A key project's total investment: a few years' plans for a new one, many for one in preparation. */
    static long keyTotalWan(Project p, RandomGenerator rnd) {
        double ratio = switch (p.nature) {
            case NEW -> 1.6 + 1.9 * rnd.nextDouble();
            case CONTINUING -> p.completionMonth > 0 ? 1.2 + 0.8 * rnd.nextDouble() : 1.8 + 2.7 * rnd.nextDouble();
            case PREPARATION -> 15 + 20 * rnd.nextDouble();
        };
        return Math.max(10_000, Math.round(p.planWan * ratio / 100.0) * 100);
    }

    private void addGeneralProject(Region r) {
        Project p = newProject(r, Project.Level.GENERAL);
        generalAmounts(p, Math.round(targets.dispatch().minTotalInvestmentWan()), rnd);
        projects.add(p);
    }

    /** A 一般 project's total (above the dispatch minimum) and this year's share of it. */
    static void generalAmounts(Project p, long minimumWan, RandomGenerator rnd) {
        p.totalWan = minimumWan + Math.round(Math.exp(Math.log(12_000) + rnd.nextGaussian() * 0.7) / 10.0) * 10;
        double share = switch (p.nature) {
            case NEW -> 0.3 + 0.4 * rnd.nextDouble();
            case CONTINUING -> p.completionMonth > 0 ? 0.3 + 0.3 * rnd.nextDouble() : 0.2 + 0.3 * rnd.nextDouble();
            case PREPARATION -> 0.02 + 0.03 * rnd.nextDouble();
        };
        p.planWan = Math.round(p.totalWan * share);
    }

    private Project newProject(Region r, Project.Level level) {
        Project p = new Project();
        p.region = r;
        p.level = level;
        p.sectorIndex = pickSector(sectors, rnd);
        p.sector = sectors.get(p.sectorIndex);
        YearMonth approval = natureAndDates(p, year, rnd);
        p.code = codes.next(r.code(), approval.getYear(), approval.getMonthValue(), p.sectorIndex + 1);
        List<Region> units = ref.rankedUnits();
        Region neighbour = units.get(rnd.nextInt(units.size()));
        if (neighbour.equals(r) && units.size() > 1) {
            neighbour = units.get((units.indexOf(r) + 1) % units.size());
        }
        String other = ProjectNames.place(neighbour, ref.city());
        p.name = ProjectNames.project(p.sector.code(), ProjectNames.place(r, ref.city()), other, rnd);
        // The same works twice in one place are its phases, as real lists name them.
        int phase = names.merge(r.code() + p.name, 1, Integer::sum);
        if (phase > 1) {
            p.name += "(" + (phase <= 10 ? ExportText.chineseNumber(phase) : Integer.toString(phase)) + "期)";
        }
        if (r.equals(laggard)) {
            p.finish = 0.70 + 0.15 * rnd.nextDouble();
        } else {
            p.finish = Math.max(0.86, Math.min(1.08, 0.98 + rnd.nextGaussian() * 0.05));
            p.slowFrom = r.equals(collapsing) ? 6 : 0;
        }
        return p;
    }

    /**
     * Draws a project's 建设性质, completion month and dates for {@code year}: new starts planned
     * around the quarterly 集中开工, continuing ones started before the year, preparation ones next
     * year. Returns the month its code was issued (赋码).
     */
    static YearMonth natureAndDates(Project p, int year, RandomGenerator rnd) {
        double n = rnd.nextDouble();
        p.nature = n < 0.46 ? Project.Nature.NEW : n < 0.96 ? Project.Nature.CONTINUING : Project.Nature.PREPARATION;
        if (p.nature == Project.Nature.CONTINUING && rnd.nextDouble() < 0.09) {
            p.completionMonth = 9 + rnd.nextInt(4);
        }
        int approvalYear;
        int approvalMonth = 1 + rnd.nextInt(12);
        switch (p.nature) {
            case NEW -> {
                approvalYear = year - 1 - rnd.nextInt(2);
                p.plannedStart = YearMonth.of(year, weightedStartMonth(rnd));
                int shift = pickShift(rnd);
                int actual = p.plannedStart.getMonthValue() + shift;
                p.actualStart = actual <= 12 ? YearMonth.of(year, Math.max(1, actual)) : null;
            }
            case CONTINUING -> {
                approvalYear = year - 4 + rnd.nextInt(3);
                YearMonth planned = YearMonth.of(approvalYear, approvalMonth).plusMonths(2 + rnd.nextInt(7));
                YearMonth lastDecember = YearMonth.of(year - 1, 12);
                p.plannedStart = planned.isAfter(lastDecember) ? lastDecember : planned;
                YearMonth actual = p.plannedStart.plusMonths(rnd.nextInt(2));
                p.actualStart = actual.isAfter(lastDecember) ? lastDecember : actual;
            }
            default -> {
                approvalYear = year - 1 + rnd.nextInt(2);
                approvalMonth = approvalYear == year ? 1 + rnd.nextInt(6) : approvalMonth;
                p.plannedStart = YearMonth.of(year + 1, 3 + rnd.nextInt(7));
            }
        }
        p.plannedDay = 1 + rnd.nextInt(28);
        p.actualDay = 1 + rnd.nextInt(28);
        p.dateStyle = rnd.nextInt(4);
        return YearMonth.of(approvalYear, approvalMonth);
    }

    static int pickSector(List<Sector> sectors, RandomGenerator rnd) {
        int total = 0;
        for (Sector s : sectors) {
            total += SECTOR_WEIGHT.getOrDefault(s.code(), 3);
        }
        int x = rnd.nextInt(total);
        for (int i = 0; i < sectors.size(); i++) {
            x -= SECTOR_WEIGHT.getOrDefault(sectors.get(i).code(), 3);
            if (x < 0) {
                return i;
            }
        }
        return sectors.size() - 1;
    }

    private static int weightedStartMonth(RandomGenerator rnd) {
        int total = 0;
        for (int w : START_MONTH_WEIGHT) {
            total += w;
        }
        int x = rnd.nextInt(total);
        for (int m = 1; m <= 12; m++) {
            x -= START_MONTH_WEIGHT[m];
            if (x < 0) {
                return m;
            }
        }
        return 6;
    }

    /** Most projects start in their planned month or the next; a few early, a few two months late. */
    private static int pickShift(RandomGenerator rnd) {
        double x = rnd.nextDouble();
        return x < 0.08 ? -1 : x < 0.63 ? 0 : x < 0.93 ? 1 : 2;
    }

    /** 一般 projects follow the counties' size, with a floor so the small zones have some too. */
    private Region pickRegion(List<Region> regions, Map<String, Double> keyTargets) {
        double total =
                regions.stream().mapToDouble(r -> keyTargets.get(r.code()) + 8).sum();
        double x = rnd.nextDouble() * total;
        for (Region r : regions) {
            x -= keyTargets.get(r.code()) + 8;
            if (x < 0) {
                return r;
            }
        }
        return regions.get(regions.size() - 1);
    }

    /** The province lists the larger projects: pick among the key projects by size. */
    private void markProvincial(int count) {
        List<Project> key = projects.stream().filter(p -> p.level.isKey()).toList();
        Map<Project, Double> size = new IdentityHashMap<>();
        key.forEach(p -> size.put(p, p.totalWan * (0.5 + rnd.nextDouble())));
        List<Project> bySize = new ArrayList<>(key);
        bySize.sort(Comparator.comparingDouble(p -> -size.get(p)));
        bySize.subList(0, Math.min(count, bySize.size())).forEach(p -> p.level = Project.Level.PROVINCIAL);
    }

    /**
     * Late starters: started four months after plan (so 3+ months overdue before they start), one of
     * them in the laggard county; never-starters: planned in spring or early summer, not started all
     * year, one of them in the collapsing county.
     */
    private void markLate(int lateCount, int neverCount) {
        List<Project> candidates = new ArrayList<>(projects.stream()
                .filter(p -> p.level.isKey() && p.nature == Project.Nature.NEW)
                .toList());
        Collections.shuffle(candidates, rnd);
        firstFrom(candidates, laggard);
        for (Project p : candidates.subList(0, Math.min(lateCount, candidates.size()))) {
            p.plannedStart = YearMonth.of(year, 3 + rnd.nextInt(4));
            p.actualStart = p.plannedStart.plusMonths(4);
            p.finish = 0.8;
            p.late = true;
        }
        List<Project> rest =
                new ArrayList<>(candidates.subList(Math.min(lateCount, candidates.size()), candidates.size()));
        firstFrom(rest, collapsing);
        for (Project p : rest.subList(0, Math.min(neverCount, rest.size()))) {
            p.plannedStart = YearMonth.of(year, 4 + rnd.nextInt(4));
            p.actualStart = null;
            p.late = true;
        }
    }

    /** Moves the first project of {@code region} to the front, leaving the others where the shuffle put them. */
    private static void firstFrom(List<Project> list, Region region) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).region.equals(region)) {
                list.add(0, list.remove(i));
                return;
            }
        }
    }

    /** Promoted projects are public-interest key projects; their totals grow if short of the target. */
    private void promote(int count, double neededWan) {
        List<Project> candidates = new ArrayList<>(projects.stream()
                .filter(p -> p.level.isKey()
                        && !p.late
                        && p.nature != Project.Nature.PREPARATION
                        && PROMOTABLE.contains(p.sector.code()))
                .toList());
        Collections.shuffle(candidates, rnd);
        List<Project> chosen = candidates.subList(0, Math.min(count, candidates.size()));
        chosen.forEach(p -> p.promoted = true);
        scaleTotals(chosen, neededWan);
    }

    private void ensureNewStartTotal(double neededWan) {
        scaleTotals(
                projects.stream()
                        .filter(p -> p.level.isKey() && p.nature == Project.Nature.NEW)
                        .toList(),
                neededWan);
    }

    private static void scaleTotals(List<Project> group, double neededWan) {
        double sum = group.stream().mapToLong(p -> p.totalWan).sum();
        if (sum > 0 && sum < neededWan) {
            double factor = neededWan / sum;
            group.forEach(p -> p.totalWan = Math.round(p.totalWan * factor / 100.0) * 100);
        }
    }

    /** Which of the 7 project libraries (7个项目库) the row names. */
    static String library(Project p, RandomGenerator rnd) {
        if (p.promoted) {
            return "民间投资推介项目库";
        }
        if (p.nature == Project.Nature.PREPARATION) {
            return "谋划储备项目库";
        }
        double x = rnd.nextDouble();
        if (PROMOTABLE.contains(p.sector.code()) && x < 0.12) {
            return "专项债券项目库";
        }
        if (p.level == Project.Level.PROVINCIAL) {
            return "省重点项目库";
        }
        if (p.level == Project.Level.CITY && x < 0.75) {
            return "市重点项目库";
        }
        return p.nature == Project.Nature.NEW ? "新开工项目库" : "续建项目库";
    }

    /** Three different 一般 projects carry the year's three bad rows. */
    private void pickBadRows() {
        List<Project> general = projects.stream()
                .filter(p -> p.level == Project.Level.GENERAL
                        && p.nature == Project.Nature.CONTINUING
                        && p.completionMonth == 0)
                .toList();
        badCode = general.get(general.size() / 5);
        unknownSector = general.get(general.size() / 2);
        for (Project p : general) {
            // A clerk's extra zero: ten times the real figure, more than the project's whole cost.
            if (p != badCode && p != unknownSector && p.completedTenths[OVERRUN_MONTH] > p.totalWan * 2) {
                overrun = p;
                break;
            }
        }
        if (overrun == null) {
            throw new IllegalStateException("no project fits the planted overrun row");
        }
    }
}
