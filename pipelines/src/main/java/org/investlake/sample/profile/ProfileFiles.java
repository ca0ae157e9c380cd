package org.investlake.sample.profile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.investlake.reference.Region;
import org.investlake.reference.Sector;
import org.investlake.reference.YearTargets;

/**
 * Writes a {@link SyntheticProfile} as {@code city.yaml} and {@code targets/YEAR.yaml} laid out
 * line for line like {@code config/city.yaml} and {@code config/targets/2023.yaml} (flow-style
 * entries, the same keys in the same order, comments saying what each block is), so an analyst
 * reads and edits it like the real one. Written as text rather than through a YAML mapper, because
 * a mapper writes block style and drops the comments.
 */
public final class ProfileFiles {
    private ProfileFiles() {}

    /** Writes both files under {@code dir} (created if missing) and returns the city file. */
    public static Path write(SyntheticProfile profile, Path dir) throws IOException {
        YearTargets t = profile.targets();
        String targetsName = "targets/" + t.year() + ".yaml";
        Files.createDirectories(dir.resolve("targets"));
        Path city = dir.resolve("city.yaml");
        Files.writeString(city, cityFile(profile, targetsName), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(targetsName), targetsFile(profile), StandardCharsets.UTF_8);
        return city;
    }

    static String cityFile(SyntheticProfile p, String targetsName) {
        long units = p.regions().stream().filter(Region::isRankedUnit).count();
        StringBuilder b = new StringBuilder();
        b.append("# Reference data of ")
                .append(p.name())
                .append(", a synthetic profile written by `investlake sample`:\n");
        b.append("# ")
                .append(units)
                .append(" made-up county-level units (names, codes and targets drawn from fixed seeds,\n");
        b.append("# not real data). Use it with bin/investlake --config path/to/this/city.yaml.\n");
        b.append("# Targets per year live in targets/<year>.yaml beside this file.\n");
        b.append("city: ").append(scalar(p.name())).append('\n');
        b.append("targets: [").append(targetsName).append("]   # one file per year, relative to this file\n");
        b.append("regions:\n");
        b.append(
                "  # kind: city = the total, unit = one of the ranked county-level units, other = reported but not ranked\n");
        for (Region r : p.regions()) {
            b.append("  - {code: \"")
                    .append(r.code())
                    .append("\", name: ")
                    .append(scalar(r.name()))
                    .append(", kind: ")
                    .append(r.kind().name().toLowerCase(Locale.ROOT))
                    .append(", aliases: ")
                    .append(list(r.aliases()))
                    .append("}\n");
        }
        b.append("sectors:\n");
        b.append("  # the template city's sectors; code \"all\" is the all-sectors total\n");
        for (Sector s : p.sectors()) {
            b.append("  - {code: ").append(scalar(s.code())).append(", name: ").append(scalar(s.name()));
            if (s.parent() != null) {
                b.append(", parent: ").append(scalar(s.parent()));
            }
            b.append(", aliases: ").append(list(s.aliases())).append("}\n");
        }
        b.append(
                "# Header words beyond the national vocabulary of schemas/<feed>.yaml: the synthetic exports use none.\n");
        b.append("header_aliases: {}\n");
        return b.toString();
    }

    static String targetsFile(SyntheticProfile p) {
        YearTargets t = p.targets();
        YearTargets.Rules ru = t.rules();
        StringBuilder b = new StringBuilder();
        b.append("# ")
                .append(t.year())
                .append(" targets of ")
                .append(p.name())
                .append(", synthetic: drawn by `investlake sample` in the shape of the template city's.\n");
        b.append("year: ").append(t.year()).append('\n');
        b.append("source: ").append(scalar(t.source())).append('\n');
        b.append("fai_growth_pct:            # 固定资产投资增长目标 (%), the total first\n");
        t.faiGrowthPct()
                .forEach((code, v) -> b.append("  \"")
                        .append(code)
                        .append("\": ")
                        .append(oneDecimal(v))
                        .append('\n'));
        b.append("sector_growth_pct:         # 主要行业领域目标 (%)\n");
        t.sectorGrowthPct()
                .forEach((code, v) -> b.append("  ")
                        .append(scalar(code))
                        .append(": ")
                        .append(oneDecimal(v))
                        .append('\n'));
        b.append("key_projects:              # 省市重点项目\n");
        b.append("  count: ").append(t.keyProjects().count()).append('\n');
        b.append(
                "  completed_yi:            # 年内完成投资 (亿元); the total is a little above the sum of the rows below it\n");
        t.keyProjects()
                .completedYi()
                .forEach((code, v) -> b.append("    \"")
                        .append(code)
                        .append("\": ")
                        .append(number(v))
                        .append('\n'));
        b.append("new_start:                 # 新开工项目\n");
        b.append("  total_investment_yi: ")
                .append(number(t.newStart().totalInvestmentYi()))
                .append('\n');
        b.append("  completed_yi: ").append(number(t.newStart().completedYi())).append('\n');
        b.append("private_promotion:         # 向民间资本推介\n");
        b.append("  count: ").append(t.privatePromotion().count()).append('\n');
        b.append("  total_investment_yi: ")
                .append(number(t.privatePromotion().totalInvestmentYi()))
                .append('\n');
        b.append("dispatch:                  # 月调度\n");
        b.append("  min_total_investment_wan: ")
                .append(number(t.dispatch().minTotalInvestmentWan()))
                .append('\n');
        b.append("  focus_total_investment_wan: ")
                .append(number(t.dispatch().focusTotalInvestmentWan()))
                .append('\n');
        b.append("major_reserve_min_total_investment_yi: ")
                .append(number(t.majorReserveMinYi()))
                .append('\n');
        b.append("rules:                     # thresholds of the marts, the template city's\n");
        b.append("  drop_alert:\n");
        b.append("    fall_pp: ").append(oneDecimal(ru.dropAlert().fallPp())).append('\n');
        b.append("    under_target_pp: ")
                .append(oneDecimal(ru.dropAlert().underTargetPp()))
                .append('\n');
        b.append("  scorecard:\n");
        b.append("    weights: {").append(flowMap(ru.scorecard().weights())).append("}\n");
        b.append("    bottom_n: ").append(ru.scorecard().bottomN()).append('\n');
        b.append("    streak: ").append(ru.scorecard().streak()).append('\n');
        b.append("  traffic_light:\n");
        b.append("    red_behind_pp: ")
                .append(number(ru.trafficLight().redBehindPp()))
                .append('\n');
        b.append("    yellow_behind_pp: ")
                .append(number(ru.trafficLight().yellowBehindPp()))
                .append('\n');
        b.append("    red_late_months: ")
                .append(ru.trafficLight().redLateMonths())
                .append('\n');
        b.append("    yellow_late_months: ")
                .append(ru.trafficLight().yellowLateMonths())
                .append('\n');
        // the outlook's and the consistency checks' settings, nested maps: written by Jackson under rules:
        Map<String, Object> more = new java.util.LinkedHashMap<>();
        if (ru.outlook() != null) {
            more.put("outlook", ru.outlook());
        }
        if (ru.consistency() != null) {
            more.put("consistency", ru.consistency());
        }
        if (!more.isEmpty()) {
            try {
                RULES_YAML
                        .writeValueAsString(more)
                        .lines()
                        .forEach(l -> b.append("  ").append(l).append('\n'));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write the outlook's and checks' rules: " + e.getMessage(), e);
            }
        }
        return b.toString();
    }

    private static final com.fasterxml.jackson.dataformat.yaml.YAMLMapper RULES_YAML =
            com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder()
                    .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build();

    private static String flowMap(Map<String, Double> map) {
        return map.entrySet().stream()
                .map(e -> scalar(e.getKey()) + ": " + number(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String list(List<String> items) {
        return items.stream().map(ProfileFiles::scalar).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A flow-context scalar: plain when YAML reads it back as the same string, else double-quoted. */
    static String scalar(String s) {
        boolean plain = !s.isEmpty()
                && s.chars().noneMatch(c -> ",[]{}:#\"'\\&*!|>%@`".indexOf(c) >= 0 || c < ' ')
                && s.equals(s.strip())
                && !s.matches("(?i)true|false|yes|no|on|off|null|~|[-+.0-9].*");
        return plain ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String oneDecimal(double v) {
        return BigDecimal.valueOf(v).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String number(Double v) {
        return v == null ? "null" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
