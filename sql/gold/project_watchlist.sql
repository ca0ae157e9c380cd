-- gold.project_watchlist — the monthly dispatch list (月调度, 三(四)): every project with total
-- investment ≥ 5000万 (rules.dispatch in the year's config) in that month's export, with its completion
-- against time progress (序时进度 = month / 12) and a traffic light:
--   red    — not started ≥ red_late_months (3) after its planned start month, or completion more than
--            red_behind_pp (30) points behind time progress;
--   yellow — not started yellow_late_months (1) to red_late_months − 1 (2) months after its planned
--            start, or more than yellow_behind_pp (10) and at most 30 points behind;
--   green  — otherwise, including a project whose planned start is still ahead.
-- The completion rule judges started projects only: one not yet started is judged by its lateness.
-- A project missing from a month's export has no row that month.

with projects as (

    select * from silver.projects

),

rules as (

    select * from ref_rules

),

measure as (

    select
        p.period,
        p.year,
        p.month,
        p.region_code,
        p.region_name,
        p.sector_code,
        p.sector_name,
        p.project_code,
        p.project_name,
        p.level,
        p.stage,
        p.total_investment_wan,
        p.annual_plan_wan,
        p.completed_ytd_wan,
        cast(p.completed_ytd_wan / nullif(p.annual_plan_wan, 0) as double)       as completion_rate,
        cast(p.month / 12.0 as double)                                            as time_progress,
        p.planned_start_month,
        coalesce(p.actual_start_month <= p.period, false)                         as started_by_period,
        -- whole months from the planned start month to the report month
        case when p.planned_start_month is not null
             then months_between(to_date(p.period || '-01'), to_date(p.planned_start_month || '-01')) end
                                                                                  as months_since_planned,
        r.red_behind_pp, r.yellow_behind_pp, r.red_late_months, r.yellow_late_months
    from projects as p
    join rules as r on r.year = p.year
    where p.total_investment_wan >= r.dispatch_min_wan

),

judge as (

    select
        m.*,
        not started_by_period and months_since_planned >= red_late_months         as is_late_red,
        not started_by_period and months_since_planned >= yellow_late_months
            and months_since_planned < red_late_months                            as is_late_yellow,
        round((time_progress - completion_rate) * 100, 1)                         as behind_pp
    from measure as m

),

light as (

    select
        j.*,
        case
            when coalesce(is_late_red, false) or (started_by_period and behind_pp > red_behind_pp) then 'red'
            when coalesce(is_late_yellow, false) or (started_by_period and behind_pp > yellow_behind_pp) then 'yellow'
            else 'green'
        end                                                                       as light
    from judge as j

),

final as (

    select
        period,
        year,
        month,
        region_code,
        region_name,
        sector_code,
        sector_name,
        project_code,
        project_name,
        level,
        stage,
        total_investment_wan,
        annual_plan_wan,
        completed_ytd_wan,
        completion_rate,
        time_progress,
        light,
        concat_ws(';',
            case when coalesce(is_late_red, false) or coalesce(is_late_yellow, false)
                 then '计划' || planned_start_month || '开工,已逾期' || cast(months_since_planned as int) || '个月未开工' end,
            case when started_by_period and behind_pp > yellow_behind_pp
                 then '完成率' || format_number(completion_rate * 100, 1) || '%,落后序时进度'
                      || format_number(time_progress * 100, 1) || '%达' || format_number(behind_pp, 1) || '个百分点' end,
            case when light = 'green' and not started_by_period then '计划' || planned_start_month || '开工,未逾期' end,
            case when light = 'green' and started_by_period then '进度正常' end
        )                                                                         as reason
    from light

)

select * from final
