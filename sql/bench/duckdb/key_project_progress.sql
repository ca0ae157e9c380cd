-- DuckDB translation of sql/gold/key_project_progress.sql for `investlake bench` (docs/performance.md "Benchmark"): the same
-- steps and columns; Spark-only syntax rewritten (lateral view explode → unnest; format_number,
-- months_between and to_date are macros in _macros.sql; month / 12.0 rounded to six places, as Spark divides
-- decimals). Not used by the warehouse.
-- gold.key_project_progress — 省市重点项目 progress per region against the work plan's targets
-- (二(四): 370亿 for the city, a target per county-level unit and 市本级). One row per report month
-- and region, including 市本级 and the 全市 row (the sum of every region's projects, against the
-- city's own 370亿 target — never the sum of the county targets, which is 365亿).
-- Missing is never zero: a region without key projects has 0 plan and 0 done (true), but when its
-- projects all leave a figure blank the sum is empty, not 0; each rate that cannot be computed is empty
-- with a *_note saying why in Chinese, and a rate computed over some projects only says which it left out.

with projects as (

    select * from silver.projects where is_key_project

),

periods as (

    select distinct period, year, month from silver.projects

),

regions as (

    select region_code, region_name, kind from ref_regions

),

city as (

    select region_code as city_code from ref_regions where kind = 'city'

),

measure_projects as (

    -- each project counts for its own region and for 全市
    select
        p.period,
        r.region_code,
        coalesce(p.actual_start_month <= p.period, false)                     as is_started,
        p.stage = '新开工' and p.planned_start_month <= p.period              as is_planned_start,
        p.stage = '新开工' and p.planned_start_month <= p.period
            and p.actual_start_month <= p.period                              as is_planned_started,
        p.stage = '新开工' and p.planned_start_month is null                   as is_start_unplanned,
        p.annual_plan_wan,
        p.completed_ytd_wan
    from projects as p
    cross join city as c
    cross join unnest([p.region_code, c.city_code]) as r(region_code)

),

sum_by_region as (

    select
        period,
        region_code,
        count(*)                                                              as projects,
        count_if(is_started)                                                  as started,
        count_if(is_planned_start)                                            as planned_starts,
        count_if(is_planned_started)                                          as planned_started,
        count_if(is_start_unplanned)                                          as unplanned,
        sum(annual_plan_wan)                                                  as annual_plan_wan,
        sum(completed_ytd_wan)                                                as completed_ytd_wan,
        count_if(annual_plan_wan is null)                                     as plan_missing,
        count_if(completed_ytd_wan is null)                                   as completed_missing
    from measure_projects
    group by period, region_code

),

join_targets as (

    select
        p.period,
        p.year,
        p.month,
        r.region_code,
        r.region_name,
        cast(coalesce(s.projects, 0) as int)                                  as projects,
        cast(coalesce(s.started, 0) as int)                                   as started,
        cast(coalesce(s.planned_starts, 0) as int)                            as planned_starts,
        cast(coalesce(s.planned_started, 0) as int)                           as planned_started,
        cast(coalesce(s.unplanned, 0) as int)                                 as unplanned,
        -- no projects: nothing planned or done (0); projects that all left the figure blank: unknown (NULL)
        cast(case when s.projects is null then 0 else s.annual_plan_wan end as decimal(18, 2)) as annual_plan_wan,
        cast(case when s.projects is null then 0 else s.completed_ytd_wan end as decimal(18, 2)) as completed_ytd_wan,
        cast(coalesce(s.plan_missing, 0) as int)                              as plan_missing,
        cast(coalesce(s.completed_missing, 0) as int)                         as completed_missing,
        cast(t.key_project_completed_yi as decimal(10, 2))                    as target_yi,
        ty.year is not null                                                   as year_configured
    from periods as p
    cross join regions as r
    left join sum_by_region as s on s.period = p.period and s.region_code = r.region_code
    left join ref_region_targets as t on t.year = p.year and t.region_code = r.region_code
    left join ref_target_years as ty on ty.year = p.year

),

add_previous_month as (

    select
        cur.*,
        prev.completed_ytd_wan                                                as prev_completed_ytd_wan
    from join_targets as cur
    left join join_targets as prev
        on prev.region_code = cur.region_code
        and prev.year = cur.year
        and prev.month = cur.month - 1

),

add_rates as (

    select
        a.*,
        cast(planned_started / nullif(planned_starts, 0) as double)           as start_rate,
        cast(completed_ytd_wan / nullif(annual_plan_wan, 0) as double)        as completion_rate,
        cast(completed_ytd_wan / (nullif(target_yi, 0) * 10000) as double)    as target_attainment,
        -- what a sum leaves out when some projects left the figure blank
        case when completed_missing > 0 and completed_ytd_wan is not null
             then completed_missing || '个重点项目缺少累计完成投资数据,未计入' end as completed_caveat,
        case when plan_missing > 0 and annual_plan_wan is not null
             then plan_missing || '个重点项目缺少年度计划投资数据,未计入' end     as plan_caveat
    from add_previous_month as a

),

final as (

    select
        period,
        year,
        month,
        region_code,
        region_name,
        projects,
        started,
        planned_starts,
        planned_started,
        start_rate,
        case when projects = 0 then '无重点项目'
             when planned_starts = 0 and unplanned > 0
                 then '截至本月无计划开工的新开工重点项目;' || unplanned || '个新开工重点项目缺少计划开工时间'
             when planned_starts = 0 then '截至本月无计划开工的新开工重点项目'
             when unplanned > 0 then unplanned || '个新开工重点项目缺少计划开工时间,未计入' end as start_rate_note,
        annual_plan_wan,
        completed_ytd_wan,
        -- 当月: the difference with the month before (January: the month itself; empty when the month
        -- before was never delivered, rather than a whole year-to-date passed off as one month)
        cast(case when month = 1 then completed_ytd_wan
                  else completed_ytd_wan - prev_completed_ytd_wan end as decimal(18, 2)) as month_completed_wan,
        completion_rate,
        case when projects = 0 then '无重点项目'
             when annual_plan_wan is null then '重点项目均缺少年度计划投资数据'
             when annual_plan_wan = 0 then '年度计划投资合计为0,无法计算完成率'
             when completed_ytd_wan is null then '重点项目均缺少累计完成投资数据'
             else nullif(concat_ws(';', plan_caveat, completed_caveat), '') end as completion_rate_note,
        target_yi,
        target_attainment,
        case when target_yi is null and not year_configured
                 then year || '年未配置目标(缺少 config/targets/' || year || '.yaml)'
             when target_yi is null then '无目标值'
             when target_yi = 0 then '目标值为0,无法计算目标完成度'
             when completed_ytd_wan is null then '重点项目均缺少累计完成投资数据'
             else completed_caveat end                                        as target_attainment_note,
        cast(cast(round(month / 12.0, 6) as decimal(17, 6)) as double)                                          as time_progress,
        cast(round((cast(round(month / 12.0, 6) as decimal(17, 6)) - completed_ytd_wan / (nullif(target_yi, 0) * 10000)) * 100, 2) as decimal(8, 2)) as lag_pp
    from add_rates

)

select * from final
