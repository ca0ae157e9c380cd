package org.investlake.report;

import static org.investlake.report.BulletinData.dec;
import static org.investlake.report.BulletinData.str;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.investlake.reference.YearTargets;

/**
 * The bulletin's commentary: short paragraphs in the register of a government bulletin, each sentence following
 * from the gold marts by one of the rules below and from nothing else. A number that is missing is said to be
 * missing (with the mart's reason); a rule whose data is missing says nothing rather than guess.
 *
 * <ol>
 *   <li><b>总体</b> (region_growth, 全市 row): 「1-6月,全市固定资产投资同比增长7.4%,高于目标0.4个百分点」 — 增长 for
 *       growth > 0, 下降 for < 0, 与上年同期持平 for 0; 高于/低于目标 by |gap_pp|, 与目标持平 for a zero gap, the
 *       target_note when there is no target; then 较上月提高/回落 |change_pp| (与上月持平 for 0) when the mart has a
 *       change. Statistics not delivered: 「1-6月固定资产投资统计数据尚未报送」 and no growth sentence at all.
 *   <li><b>前三位</b>: the ranked units with rank ≤ 3, in rank order: 「A、B、C增速居前三位」 («(含并列)» when a tie
 *       makes them more than three); only when at least three units have growth.
 *   <li><b>达标</b>: 「N个县市区增速达到目标,M个低于目标」 counting meets_target true/false; units without growth
 *       are named: 「X增速数据未报送」.
 *   <li><b>回落</b>: every ranked unit whose change_pp ≤ −rules.drop_alert.fall_pp of the year:
 *       「冀州区增速较上月回落3.5个百分点」; units flagged drop_alert for sitting ≥ under_target_pp under target (and
 *       not for a fall) are named 「低于目标N个百分点」.
 *   <li><b>分行业领域</b> (sector_growth): 「分行业领域看,N个领域增速达到目标,M个低于目标(交通运输低于目标10.5个百分点、…)」;
 *       sectors without a target (民间投资) are not counted.
 *   <li><b>重点项目</b> (city_kpis, key_project_progress 全市 row): count against the count target, completed
 *       investment (亿元) against the city's own target, attainment against 序时进度 (高于/低于 by |lag_pp|), the start
 *       rate of planned 新开工 key projects; new starts and private promotion against their targets. An empty actual
 *       is given with its actual_note. Project library not delivered: 「6月项目库数据尚未报送」.
 *   <li><b>专项债券</b> (bond_progress 全市 row): projects, start rate, completion rate against 序时进度, spend rate;
 *       an empty rate with its note. Not delivered: 「6月专项债券数据尚未报送」.
 *   <li><b>综合评价与约谈</b> (region_scorecard): the units ranked 1–3; every unit with interview_flag:
 *       「A(连续4期)、B(连续3期)综合评价排名后3位,列入约谈名单」 with N and the streak from rules.scorecard; none:
 *       「本期无列入约谈名单的县市区」.
 *   <li><b>项目亮灯</b> (project_watchlist): 「月调度项目N个,其中红灯X个、黄灯Y个」, grey ones as 缺少数据无法判断.
 * </ol>
 */
public final class Commentary {
    private Commentary() {}

    /** The paragraphs, in order; each is one or more full sentences. */
    public static List<String> paragraphs(BulletinData d) {
        List<String> out = new ArrayList<>();
        out.add(growth(d));
        sectors(d).ifPresent(out::add);
        out.add(projects(d));
        out.add(bonds(d));
        scorecard(d).ifPresent(out::add);
        watchlist(d).ifPresent(out::add);
        outlook(d).ifPresent(out::add);
        checks(d).ifPresent(out::add);
        return out;
    }

    /**
     * 全年研判 (target_outlook): the city's own sentences for its FAI growth and its key projects, as the mart words
     * them (「全市1-6月固定资产投资增速6.6%,按目前进度测算,全年预计增长6.6%,…」); a row without a sentence says the
     * mart's reason instead (仅有1-2月数据,暂不作全年测算, a missing target …), never nothing.
     */
    static Optional<String> outlook(BulletinData d) {
        if (!d.reads("target_outlook")) {
            return Optional.empty();
        }
        List<String> said = new ArrayList<>();
        for (String target : List.of("fai_growth", "key_project_completed")) {
            d.rows("target_outlook").stream()
                    .filter(r ->
                            target.equals(r.get("target_code")) && d.cityCode().equals(r.get("subject_code")))
                    .findFirst()
                    // the notes name what is missing; the same note for both (1-2月) is said once
                    .map(r -> r.get("sentence") != null
                            ? str(r.get("sentence"))
                            : r.get("note") != null ? r.get("note") + "。" : null)
                    .filter(s -> !said.contains(s))
                    .ifPresent(said::add);
        }
        return said.isEmpty() ? Optional.empty() : Optional.of("全年研判:" + String.join("", said));
    }

    /** 数据核查 (consistency_checks): how many problems the bureau should look at, the serious ones counted apart. */
    static Optional<String> checks(BulletinData d) {
        if (!d.reads("consistency_checks")) {
            return Optional.empty();
        }
        List<Map<String, Object>> open = d.rows("consistency_checks");
        if (open.isEmpty()) {
            return Optional.of("数据质量核查:本期各项核查均未发现需要核实的问题。");
        }
        long high = open.stream().filter(r -> "高".equals(r.get("severity"))).count();
        return Optional.of("数据质量核查:本期发现" + open.size() + "项需要核实的问题" + (high > 0 ? "(其中严重" + high + "项)" : "")
                + ",详见“十一、数据质量核查”,请统计部门发布前核实。");
    }

    static String growth(BulletinData d) {
        if (!d.hasStats()) {
            return d.span() + "固定资产投资统计数据尚未报送,本期不通报投资增速。";
        }
        StringBuilder s = new StringBuilder();
        Optional<Map<String, Object>> city = d.cityRow("region_growth");
        BigDecimal g = city.map(r -> dec(r.get("ytd_growth_pct"))).orElse(null);
        if (g == null) {
            s.append(d.span()).append(",全市固定资产投资累计增速数据未报送");
        } else {
            s.append(d.span()).append(",全市固定资产投资").append(growthWords(g));
            Map<String, Object> r = city.get();
            BigDecimal gap = dec(r.get("gap_pp"));
            if (gap != null) {
                s.append(',').append(gapWords(gap, "目标"));
            } else if (str(r.get("target_note")) != null) {
                s.append('(').append(str(r.get("target_note"))).append(')');
            }
            BigDecimal change = dec(r.get("change_pp"));
            if (change != null) {
                s.append(',').append(changeWords(change));
            }
        }
        s.append('。');
        List<Map<String, Object>> units = d.rows("region_growth", byRank()).stream()
                .filter(r -> r.get("rank") != null)
                .toList();
        List<Map<String, Object>> top = units.stream()
                .filter(r -> ((Number) r.get("rank")).intValue() <= 3)
                .toList();
        if (units.size() >= 3) {
            s.append(names(top))
                    .append("增速居前三位")
                    .append(top.size() > 3 ? "(含并列)" : "")
                    .append('。');
        }
        long meet = d.rows("region_growth").stream()
                .filter(r -> !d.cityCode().equals(r.get("region_code")))
                .filter(r -> Boolean.TRUE.equals(r.get("meets_target")))
                .count();
        long miss = d.rows("region_growth").stream()
                .filter(r -> !d.cityCode().equals(r.get("region_code")))
                .filter(r -> Boolean.FALSE.equals(r.get("meets_target")))
                .count();
        if (meet + miss > 0) {
            s.append(meet).append("个县市区增速达到目标,").append(miss).append("个低于目标。");
        }
        List<Map<String, Object>> noData = d.rows("region_growth").stream()
                .filter(r -> !d.cityCode().equals(r.get("region_code")))
                .filter(r -> r.get("ytd_growth_pct") == null)
                .toList();
        if (!noData.isEmpty()) {
            s.append(names(noData)).append("增速数据未报送。");
        }
        Optional<YearTargets.DropAlert> rule = d.targets().map(t -> t.rules()).map(r -> r.dropAlert());
        if (rule.isPresent()) {
            BigDecimal fall = BigDecimal.valueOf(rule.get().fallPp());
            BigDecimal under = BigDecimal.valueOf(rule.get().underTargetPp());
            List<String> falls = new ArrayList<>();
            List<String> unders = new ArrayList<>();
            for (Map<String, Object> r : d.rows("region_growth")) {
                if (d.cityCode().equals(r.get("region_code")) || r.get("ytd_growth_pct") == null) {
                    continue;
                }
                BigDecimal change = dec(r.get("change_pp"));
                BigDecimal gap = dec(r.get("gap_pp"));
                if (change != null && change.compareTo(fall.negate()) <= 0) {
                    falls.add(r.get("region_name") + "增速较上月回落" + Fmt.abs1(change) + "个百分点");
                } else if (Boolean.TRUE.equals(r.get("drop_alert"))
                        && gap != null
                        && gap.compareTo(under.negate()) <= 0) {
                    unders.add(r.get("region_name") + "增速低于目标" + Fmt.abs1(gap) + "个百分点");
                }
            }
            if (!falls.isEmpty()) {
                s.append(String.join(",", falls)).append('。');
            }
            if (!unders.isEmpty()) {
                s.append(String.join(",", unders)).append('。');
            }
        }
        return s.toString();
    }

    static Optional<String> sectors(BulletinData d) {
        if (!d.hasStats()) {
            return Optional.empty();
        }
        if (!d.hasSectors()) {
            return Optional.of(d.span() + "分行业领域固定资产投资数据尚未报送。");
        }
        List<Map<String, Object>> rows =
                d.rows("sector_growth", Comparator.comparing(r -> String.valueOf(r.get("sector_code"))));
        long meet = rows.stream()
                .filter(r -> Boolean.TRUE.equals(r.get("meets_target")))
                .count();
        List<Map<String, Object>> behind = rows.stream()
                .filter(r -> Boolean.FALSE.equals(r.get("meets_target")))
                .sorted(Comparator.comparing((Map<String, Object> r) -> dec(r.get("gap_pp"))))
                .toList();
        if (meet + behind.size() == 0) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder("分行业领域看,")
                .append(meet)
                .append("个领域增速达到目标,")
                .append(behind.size())
                .append("个低于目标");
        if (!behind.isEmpty()) {
            s.append('(')
                    .append(behind.stream()
                            .map(r -> r.get("sector_name") + "低于目标" + Fmt.abs1(dec(r.get("gap_pp"))) + "个百分点")
                            .collect(Collectors.joining("、")))
                    .append(')');
        }
        return Optional.of(s.append('。').toString());
    }

    static String projects(BulletinData d) {
        if (!d.hasProjects()) {
            return d.month() + "月项目库数据尚未报送,本期不通报重点项目和新开工项目情况。";
        }
        StringBuilder s = new StringBuilder();
        Optional<Map<String, Object>> count = d.kpi("key_project_count");
        Optional<Map<String, Object>> done = d.kpi("key_project_completed");
        s.append("全市省市重点项目");
        s.append(count.map(r -> kpiValue(r, "个")).orElse("数据未报送"));
        s.append(',');
        s.append("累计完成投资");
        s.append(done.map(r -> kpiValue(r, "亿元")).orElse("数据未报送"));
        done.filter(r -> r.get("attainment") != null)
                .ifPresent(r -> s.append(",完成年度目标的")
                        .append(Fmt.pct(dec(r.get("attainment"))))
                        .append('%'));
        d.cityRow("key_project_progress").ifPresent(r -> {
            BigDecimal lag = dec(r.get("lag_pp"));
            if (lag != null) {
                s.append(",")
                        .append(
                                lag.signum() == 0
                                        ? "与序时进度持平"
                                        : (lag.signum() > 0 ? "低于" : "高于") + "序时进度("
                                                + Fmt.pct(dec(r.get("time_progress"))) + "%)" + Fmt.abs1(lag) + "个百分点");
            }
            if (r.get("start_rate") != null) {
                s.append(";计划开工的新开工重点项目开工率")
                        .append(Fmt.pct(dec(r.get("start_rate"))))
                        .append('%');
            }
        });
        s.append('。');
        List<String> behind = d.rows("key_project_progress").stream()
                .filter(r -> !d.cityCode().equals(r.get("region_code")))
                .filter(r ->
                        dec(r.get("lag_pp")) != null && dec(r.get("lag_pp")).signum() > 0)
                .map(r -> str(r.get("region_name")))
                .toList();
        if (!behind.isEmpty()) {
            s.append(behind.size())
                    .append("个单位重点项目完成投资低于序时进度:")
                    .append(String.join("、", behind))
                    .append('。');
        }
        Optional<Map<String, Object>> nsTotal = d.kpi("new_start_total_investment");
        Optional<Map<String, Object>> nsDone = d.kpi("new_start_completed");
        if (nsTotal.isPresent() || nsDone.isPresent()) {
            s.append("新开工项目总投资")
                    .append(nsTotal.map(r -> kpiValue(r, "亿元")).orElse("数据未报送"))
                    .append(",完成投资")
                    .append(nsDone.map(r -> kpiValue(r, "亿元")).orElse("数据未报送"))
                    .append('。');
        }
        Optional<Map<String, Object>> ppCount = d.kpi("private_promotion_count");
        Optional<Map<String, Object>> ppInv = d.kpi("private_promotion_investment");
        if (ppCount.isPresent() || ppInv.isPresent()) {
            s.append("向民间资本推介项目")
                    .append(ppCount.map(r -> kpiValue(r, "个")).orElse("数据未报送"))
                    .append(",总投资")
                    .append(ppInv.map(r -> kpiValue(r, "亿元")).orElse("数据未报送"))
                    .append('。');
        }
        return s.toString();
    }

    /** 「420个(年度目标420个)」, or the reason the actual is empty. */
    private static String kpiValue(Map<String, Object> r, String unit) {
        BigDecimal actual = dec(r.get("actual"));
        BigDecimal target = dec(r.get("target"));
        String v = actual == null
                ? "数据缺失(" + Optional.ofNullable(str(r.get("actual_note"))).orElse("无实际值") + ")"
                : ("个".equals(unit) ? Fmt.plain(actual) : Fmt.d2(actual)) + unit;
        if (actual != null && str(r.get("actual_note")) != null) {
            v += "(" + str(r.get("actual_note")) + ")";
        }
        return target == null ? v : v + "(年度目标" + Fmt.plain(target) + unit + ")";
    }

    static String bonds(BulletinData d) {
        if (!d.hasBonds()) {
            return d.month() + "月专项债券数据尚未报送,本期不通报专项债券项目推进情况。";
        }
        Optional<Map<String, Object>> city = d.cityRow("bond_progress");
        if (city.isEmpty()) {
            return "专项债券项目全市汇总数据缺失。";
        }
        Map<String, Object> r = city.get();
        StringBuilder s = new StringBuilder("全市专项债券项目")
                .append(r.get("projects"))
                .append("个,已开工")
                .append(r.get("started"))
                .append("个,开工率")
                .append(Fmt.pct(dec(r.get("start_rate"))))
                .append("%;投资完成率");
        if (r.get("completion_rate") == null) {
            s.append("无法计算(").append(str(r.get("completion_rate_note"))).append(')');
        } else {
            s.append(Fmt.pct(dec(r.get("completion_rate")))).append('%');
            d.cityRow("key_project_progress")
                    .map(k -> dec(k.get("time_progress")))
                    .ifPresent(t -> s.append("(序时进度").append(Fmt.pct(t)).append("%)"));
            if (str(r.get("completion_rate_note")) != null) {
                s.append("(").append(str(r.get("completion_rate_note"))).append(')');
            }
        }
        s.append(",债券资金支出率");
        if (r.get("spend_rate") == null) {
            s.append("无法计算(").append(str(r.get("spend_rate_note"))).append(')');
        } else {
            s.append(Fmt.pct(dec(r.get("spend_rate")))).append('%');
        }
        return s.append('。').toString();
    }

    static Optional<String> scorecard(BulletinData d) {
        List<Map<String, Object>> ranked = d.rows("region_scorecard", byRank()).stream()
                .filter(r -> r.get("rank") != null)
                .toList();
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder();
        List<Map<String, Object>> top = ranked.stream()
                .filter(r -> ((Number) r.get("rank")).intValue() <= 3)
                .toList();
        s.append("综合评价排名前三位的是").append(names(top)).append('。');
        List<Map<String, Object>> flagged = d.rows("region_scorecard").stream()
                .filter(r -> Boolean.TRUE.equals(r.get("interview_flag")))
                .toList();
        Optional<YearTargets.Scorecard> rule = d.targets().map(t -> t.rules()).map(r -> r.scorecard());
        if (flagged.isEmpty()) {
            s.append("本期无列入约谈名单的县市区。");
        } else {
            s.append(flagged.stream()
                            .map(r -> r.get("region_name") + "(连续" + r.get("bottom_streak") + "期)")
                            .collect(Collectors.joining("、")))
                    .append("综合评价排名")
                    .append(rule.map(x -> "后" + x.bottomN() + "位").orElse("靠后"))
                    .append(",列入约谈名单。");
        }
        return Optional.of(s.toString());
    }

    static Optional<String> watchlist(BulletinData d) {
        List<Map<String, Object>> rows = d.rows("project_watchlist");
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        long red = rows.stream().filter(r -> "red".equals(r.get("light"))).count();
        long yellow = rows.stream().filter(r -> "yellow".equals(r.get("light"))).count();
        long grey = rows.stream().filter(r -> "grey".equals(r.get("light"))).count();
        StringBuilder s = new StringBuilder("月调度项目")
                .append(rows.size())
                .append("个,其中红灯")
                .append(red)
                .append("个、黄灯")
                .append(yellow)
                .append("个");
        if (grey > 0) {
            s.append(",另有").append(grey).append("个项目缺少数据、无法判断(灰灯)");
        }
        return Optional.of(s.append(",红黄灯项目及其包联领导、责任单位见附表。").toString());
    }

    /** 「同比增长7.4%」, 「同比下降2.0%」, 「与上年同期持平」. */
    static String growthWords(BigDecimal g) {
        int sign = g.setScale(1, java.math.RoundingMode.HALF_UP).signum();
        if (sign == 0) {
            return "与上年同期持平";
        }
        return (sign > 0 ? "同比增长" : "同比下降") + Fmt.abs1(g) + "%";
    }

    /** 「高于目标0.4个百分点」, 「低于目标1.6个百分点」, 「与目标持平」. */
    static String gapWords(BigDecimal gap, String what) {
        int sign = gap.setScale(1, java.math.RoundingMode.HALF_UP).signum();
        if (sign == 0) {
            return "与" + what + "持平";
        }
        return (sign > 0 ? "高于" : "低于") + what + Fmt.abs1(gap) + "个百分点";
    }

    /** 「较上月提高1.2个百分点」, 「较上月回落3.5个百分点」, 「与上月持平」. */
    static String changeWords(BigDecimal change) {
        int sign = change.setScale(1, java.math.RoundingMode.HALF_UP).signum();
        if (sign == 0) {
            return "增速与上月持平";
        }
        return "增速较上月" + (sign > 0 ? "提高" : "回落") + Fmt.abs1(change) + "个百分点";
    }

    static Comparator<Map<String, Object>> byRank() {
        return Comparator.comparing((Map<String, Object> r) ->
                        r.get("rank") == null ? Integer.MAX_VALUE : ((Number) r.get("rank")).intValue())
                .thenComparing(r -> String.valueOf(r.get("region_code")));
    }

    private static String names(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> str(r.get("region_name"))).collect(Collectors.joining("、"));
    }
}
