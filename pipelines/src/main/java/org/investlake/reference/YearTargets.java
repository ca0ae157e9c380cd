package org.investlake.reference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** One year's targets and rule thresholds, exactly as config/targets/YEAR.yaml states them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record YearTargets(
        int year,
        String source,
        @JsonProperty("fai_growth_pct") Map<String, Double> faiGrowthPct,
        @JsonProperty("sector_growth_pct") Map<String, Double> sectorGrowthPct,
        @JsonProperty("key_projects") KeyProjects keyProjects,
        @JsonProperty("new_start") NewStart newStart,
        @JsonProperty("private_promotion") PrivatePromotion privatePromotion,
        Dispatch dispatch,

        @JsonProperty("major_reserve_min_total_investment_yi")
        Double majorReserveMinYi,

        Rules rules) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KeyProjects(
            int count, @JsonProperty("completed_yi") Map<String, Double> completedYi) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NewStart(
            @JsonProperty("total_investment_yi") double totalInvestmentYi,
            @JsonProperty("completed_yi") double completedYi) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PrivatePromotion(
            int count, @JsonProperty("total_investment_yi") double totalInvestmentYi) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dispatch(
            @JsonProperty("min_total_investment_wan") double minTotalInvestmentWan,
            @JsonProperty("focus_total_investment_wan") double focusTotalInvestmentWan) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rules(
            @JsonProperty("drop_alert") DropAlert dropAlert,
            Scorecard scorecard,
            @JsonProperty("traffic_light") TrafficLight trafficLight,
            Outlook outlook,
            Consistency consistency) {}

    /** gold.consistency_checks' thresholds; absent in an older file, when the checks that need them stay quiet. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Consistency(
            @JsonProperty("growth_vs_projects_from_month") int growthVsProjectsFromMonth,
            @JsonProperty("projects_below_share") double projectsBelowShare,
            @JsonProperty("growth_low_pp") double growthLowPp,
            @JsonProperty("projects_above_share") double projectsAboveShare,
            @JsonProperty("over_plan_ratio") double overPlanRatio,
            @JsonProperty("units_vs_city_wan") double unitsVsCityWan) {}

    /**
     * gold.target_outlook's thresholds and the default seasonal shape; absent in an older file, when the outlook
     * gives projections without a status.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outlook(
            @JsonProperty("within_reach_pp") double withinReachPp,
            @JsonProperty("within_reach_share") double withinReachShare,
            @JsonProperty("default_shape") Map<String, Map<Integer, Double>> defaultShape) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DropAlert(
            @JsonProperty("fall_pp") double fallPp,
            @JsonProperty("under_target_pp") double underTargetPp) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scorecard(
            Map<String, Double> weights,
            @JsonProperty("bottom_n") int bottomN,
            int streak) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TrafficLight(
            @JsonProperty("red_behind_pp") double redBehindPp,
            @JsonProperty("yellow_behind_pp") double yellowBehindPp,
            @JsonProperty("red_late_months") int redLateMonths,
            @JsonProperty("yellow_late_months") int yellowLateMonths) {}
}
