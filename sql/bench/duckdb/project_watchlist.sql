-- DuckDB translation of sql/gold/project_watchlist.sql for `investlake bench` (docs/performance.md "Benchmark"): the same
-- steps and columns; Spark-only syntax rewritten (lateral view explode → unnest; format_number,
-- months_between and to_date are macros in _macros.sql; month / 12.0 rounded to six places, as Spark divides
-- decimals). Not used by the warehouse.
-- gold.project_watchlist — the monthly dispatch list (月调度, 三(四)): every project with total
-- investment ≥ 5000万 (rules.dispatch in the year's config) in that month's export, with its 包联领导 and
-- 责任单位, its completion against time progress (序时进度 = month / 12) and a traffic light:
--   red    — not started ≥ red_late_months (3) after its planned start month, or completion more than
--            red_behind_pp (30) points behind time progress;
--   yellow — not started yellow_late_months (1) to red_late_months − 1 (2) months after its planned
--            start, or more than yellow_behind_pp (10) and at most 30 points behind;
--   grey   — the light cannot be judged because an input is missing: a started project without its
--            annual plan (or a plan of 0) or without its completed investment, a project not started
--            without a planned start month, a 续建/竣工 project without its actual start month;
--   green  — otherwise, including a project whose planned start is still ahead.
-- Missing data is never read as good news: it is grey, never green, and the reason says what is missing.
-- The completion rule judges started projects only: one not yet started is judged by its lateness.
-- Every row has a reason. A project missing from a month's export has no row that month.

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
        p.leader,
        p.responsible_unit,
        p.total_investment_wan,
        p.annual_plan_wan,
        p.completed_ytd_wan,
        cast(p.completed_ytd_wan / nullif(p.annual_plan_wan, 0) as double)       as completion_rate,
        cast(cast(round(p.month / 12.0, 6) as decimal(17, 6)) as double)                                            as time_progress,
        p.planned_start_month,
        coalesce(p.actual_start_month <= p.period, false)                         as started_by_period,
        -- a 续建 or 竣工 project is under way by definition: without its actual start month, whether it
        -- started cannot be told, and calling it "not started" would make it late
        p.actual_start_month is null and coalesce(p.stage in ('续建', '竣工'), false) as is_start_unknown,
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
        not started_by_period and not is_start_unknown
            and months_since_planned >= red_late_months                           as is_late_red,
        not started_by_period and not is_start_unknown
            and months_since_planned >= yellow_late_months
            and months_since_planned < red_late_months                            as is_late_yellow,
        round((time_progress - completion_rate) * 100, 1)                         as behind_pp,
        -- why the completion rate is empty (NULL when it has a value)
        case when annual_plan_wan is null and completed_ytd_wan is null then '缺少年度计划投资数据和累计完成投资数据'
             when annual_plan_wan is null then '缺少年度计划投资数据'
             when annual_plan_wan = 0 then '年度计划投资为0,无法计算完成率'
             when completed_ytd_wan is null then '缺少累计完成投资数据' end       as completion_rate_note
    from measure as m

),

light as (

    select
        j.*,
        -- what keeps the light from being judged: without it a project would fall through to green
        case when is_start_unknown
                 then '建设性质为' || stage || ',但缺少实际开工时间,无法判断进度'
             when started_by_period and completion_rate is null
                 then completion_rate_note || ',无法判断进度'
             when not started_by_period and planned_start_month is null
                 then '未开工且缺少计划开工时间,无法判断是否逾期' end                  as missing_input,
        case
            when coalesce(is_late_red, false) or (started_by_period and behind_pp > red_behind_pp) then 'red'
            when coalesce(is_late_yellow, false) or (started_by_period and behind_pp > yellow_behind_pp) then 'yellow'
            when is_start_unknown
                or (started_by_period and completion_rate is null)
                or (not started_by_period and planned_start_month is null) then 'grey'
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
        leader,
        responsible_unit,
        total_investment_wan,
        annual_plan_wan,
        completed_ytd_wan,
        completion_rate,
        completion_rate_note,
        time_progress,
        light,
        concat_ws(';',
            case when coalesce(is_late_red, false) or coalesce(is_late_yellow, false)
                 then '计划' || planned_start_month || '开工,已逾期' || cast(months_since_planned as int) || '个月未开工' end,
            case when not started_by_period and not is_start_unknown and months_since_planned < yellow_late_months
                 then '计划' || planned_start_month || '开工,未逾期' end,
            -- a started project with a completion rate: the rate against time progress, in percentage points
            case when started_by_period and behind_pp > 0
                 then '完成率' || format_number(completion_rate * 100, 1) || '%,低于序时进度('
                      || format_number(time_progress * 100, 1) || '%)' || format_number(behind_pp, 1) || '个百分点'
                 when started_by_period and behind_pp < 0
                 then '完成率' || format_number(completion_rate * 100, 1) || '%,超过序时进度('
                      || format_number(time_progress * 100, 1) || '%)' || format_number(-behind_pp, 1) || '个百分点'
                 when started_by_period and behind_pp = 0
                 then '完成率' || format_number(completion_rate * 100, 1) || '%,与序时进度持平' end,
            case when light = 'green' and started_by_period then '进度正常' end,
            missing_input
        )                                                                         as reason
    from light

)

select * from final
