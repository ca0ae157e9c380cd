package org.investlake.sample;

import java.time.YearMonth;
import org.investlake.reference.Region;
import org.investlake.reference.Sector;

/**
 * One dispatched project for the year, as {@link ProjectPortfolio} drew it: what the monthly export
 * shows of it, and its completed investment at the end of every month. Filled in step by step by the
 * portfolio and then only read.
 */
final class Project {
    /** 项目级别. */
    enum Level {
        PROVINCIAL("省重点"),
        CITY("市重点"),
        GENERAL("一般");

        final String label;

        Level(String label) {
            this.label = label;
        }

        boolean isKey() {
            return this != GENERAL;
        }
    }

    /** 建设性质 for the year: a new start, a continuing one, or still in preparation. */
    enum Nature {
        NEW("新开工"),
        CONTINUING("续建"),
        PREPARATION("前期");

        final String label;

        Nature(String label) {
            this.label = label;
        }
    }

    /** Share of the normal monthly progress a slowed-down county still makes. */
    private static final double SLOW_DOWN = 0.7;

    String code;
    String name;
    Region region;
    Sector sector;
    int sectorIndex;
    Level level;
    Nature nature;
    String library;
    /** Month in which a continuing project is finished (then shown as 竣工); 0 when it is not. */
    int completionMonth;

    long totalWan;
    long planWan;
    YearMonth plannedStart;
    int plannedDay;
    /** Null while it has not started (and for the whole year if it never does). */
    YearMonth actualStart;

    int actualDay;
    /** How the clerk writes this project's dates: 0 2023-03, 1 2023年3月, 2 2023/3/15, 3 a date. */
    int dateStyle;

    boolean promoted;
    String leader;
    String department;
    /** Share of the annual plan done by December, before any slow-down. */
    double finish;
    /** Month from which its county's work slows down (0 = never). */
    int slowFrom;
    /** Started 3+ months after its planned start, or not at all: planted for the traffic light. */
    boolean late;
    /** Completed investment, tenths of 万元, at the end of months 1..12 (index 0 unused). */
    final long[] completedTenths = new long[13];

    /** 建设性质 as reported in month {@code m}: a finished continuing project becomes 竣工. */
    String stage(int m) {
        if (nature == Nature.CONTINUING && completionMonth > 0 && m >= completionMonth) {
            return "竣工";
        }
        return nature.label;
    }

    /** Whether the actual start is known in the report of month {@code m} of {@code year}. */
    boolean startedBy(int year, int m) {
        return actualStart != null && !actualStart.isAfter(YearMonth.of(year, m));
    }

    /**
     * Fills {@link #completedTenths}: an S-curve from the month work starts to the month it is due,
     * scaled to {@link #finish} of the plan. Built from non-negative monthly increments so the
     * cumulative figure never falls, whatever slow-down applies.
     */
    void plotProgress(int year) {
        int from;
        int to = completionMonth > 0 ? completionMonth : 12;
        if (nature == Nature.CONTINUING || nature == Nature.PREPARATION) {
            from = 1;
        } else if (actualStart != null && actualStart.getYear() == year) {
            from = actualStart.getMonthValue();
        } else {
            return;
        }
        double cumulative = 0;
        double before = 0;
        for (int m = 1; m <= 12; m++) {
            if (m >= from && m <= to) {
                double now = sCurve((m - from + 1) / (double) (to - from + 1));
                double step = now - before;
                before = now;
                cumulative += step * (slowFrom > 0 && m >= slowFrom ? SLOW_DOWN : 1.0);
            }
            completedTenths[m] = Math.round(planWan * 10 * finish * cumulative);
        }
    }

    /** Slow in winter and at the start, fast in the middle, tapering at the end. */
    static double sCurve(double x) {
        return 0.25 * x + 0.75 * x * x * (3 - 2 * x);
    }
}
