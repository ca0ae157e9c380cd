-- gold.key_project_progress — 省市重点项目 progress per region against the work plan's targets
-- (二(四): 370亿 for the city, a target per county-level unit and 市本级). One row per report month
-- and region, including 市本级 and the 全市 row (the sum of every region's projects, against the
-- city's own 370亿 target — never the sum of the county targets, which is 365亿).

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
        p.annual_plan_wan,
        p.completed_ytd_wan
    from projects as p
    cross join city as c
    lateral view explode(array(p.region_code, c.city_code)) r as region_code

),

sum_by_region as (

    select
        period,
        region_code,
        count(*)                                                              as projects,
        count_if(is_started)                                                  as started,
        count_if(is_planned_start)                                            as planned_starts,
        count_if(is_planned_started)                                          as planned_started,
        sum(annual_plan_wan)                                                  as annual_plan_wan,
        sum(completed_ytd_wan)                                                as completed_ytd_wan
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
        cast(coalesce(s.annual_plan_wan, 0) as decimal(18, 2))                as annual_plan_wan,
        cast(coalesce(s.completed_ytd_wan, 0) as decimal(18, 2))              as completed_ytd_wan,
        cast(t.key_project_completed_yi as decimal(10, 2))                    as target_yi
    from periods as p
    cross join regions as r
    left join sum_by_region as s on s.period = p.period and s.region_code = r.region_code
    left join ref_region_targets as t on t.year = p.year and t.region_code = r.region_code

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
        cast(planned_started / nullif(planned_starts, 0) as double)           as start_rate,
        annual_plan_wan,
        completed_ytd_wan,
        -- 当月: the difference with the month before (January: the month itself; empty when the month
        -- before was never delivered, rather than a whole year-to-date passed off as one month)
        cast(case when month = 1 then completed_ytd_wan
                  else completed_ytd_wan - prev_completed_ytd_wan end as decimal(18, 2)) as month_completed_wan,
        cast(completed_ytd_wan / nullif(annual_plan_wan, 0) as double)        as completion_rate,
        target_yi,
        cast(completed_ytd_wan / (target_yi * 10000) as double)               as target_attainment,
        cast(month / 12.0 as double)                                          as time_progress,
        cast(round((month / 12.0 - completed_ytd_wan / (target_yi * 10000)) * 100, 2) as decimal(8, 2)) as lag_pp
    from add_previous_month

)

select * from final
