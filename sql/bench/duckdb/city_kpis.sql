-- DuckDB translation of sql/gold/city_kpis.sql for `investlake bench` (docs/performance.md "Benchmark"): the same
-- steps and columns; Spark-only syntax rewritten (lateral view explode → unnest; format_number,
-- months_between and to_date are macros in _macros.sql). Not used by the warehouse.
-- gold.city_kpis — the city's headline indicators against the work plan's targets, one row per
-- period and KPI (二、指导目标 and 三(二)(四)): FAI growth vs 7%, key projects vs 420 and their
-- completed investment vs 370亿, new-start projects' total vs 500亿 and completed vs 100亿, projects
-- promoted to private capital vs 20 and their total investment vs 100亿. Amounts in 亿元 here, as the
-- targets are written; attainment = actual / target.
-- Every KPI of the year has a row in every period that has statistics or a project-library export. A
-- KPI whose data was not delivered, or that every project left blank, has an empty actual with
-- actual_note saying why — never 0; a count or amount over no projects at all is a true 0.

with growth as (

    select s.period, s.year, s.ytd_growth_pct
    from silver.stats as s
    join ref_regions as r on r.region_code = s.region_code and r.kind = 'city'
    where s.sector_code = 'all'

),

periods as (

    select distinct period, year from silver.stats
    union
    select distinct period, year from silver.projects

),

projects as (

    select
        period,
        year,
        count_if(is_key_project)                                                   as key_projects,
        sum(case when is_key_project then completed_ytd_wan end) / 10000          as key_completed_yi,
        count_if(is_key_project and completed_ytd_wan is null)                     as key_completed_missing,
        count_if(stage = '新开工')                                                 as new_starts,
        sum(case when stage = '新开工' then total_investment_wan end) / 10000      as new_start_total_yi,
        sum(case when stage = '新开工' then completed_ytd_wan end) / 10000         as new_start_completed_yi,
        count_if(stage = '新开工' and completed_ytd_wan is null)                   as new_start_completed_missing,
        count_if(is_private_promotion)                                             as promoted,
        sum(case when is_private_promotion then total_investment_wan end) / 10000 as promoted_total_yi
    from silver.projects
    group by period, year

),

actuals as (

    -- a sum over no projects is 0; over projects that all left the figure blank it stays empty
    -- left_out: projects that left the figure blank (who says which projects)
    select period, year, 'fai_growth' as kpi_code, round(ytd_growth_pct, 1) as actual,
           cast(0 as bigint) as left_out, cast(null as string) as who
    from growth
    union all
    select period, year, 'key_project_count', key_projects, 0, null from projects
    union all
    select period, year, 'key_project_completed',
           case when key_projects = 0 then 0 else key_completed_yi end, key_completed_missing, '重点项目' from projects
    union all
    select period, year, 'new_start_total_investment', coalesce(new_start_total_yi, 0), 0, null from projects
    union all
    select period, year, 'new_start_completed',
           case when new_starts = 0 then 0 else new_start_completed_yi end, new_start_completed_missing, '新开工项目'
    from projects
    union all
    select period, year, 'private_promotion_count', promoted, 0, null from projects
    union all
    select period, year, 'private_promotion_investment', coalesce(promoted_total_yi, 0), 0, null from projects

),

kpis as (

    -- the indicators the work plan sets; a period of a year without a targets file still lists every
    -- one of them, with an empty target and a note, rather than no rows at all
    select kpi_code, max(kpi_name) as kpi_name, max(unit) as unit
    from ref_kpi_targets
    group by kpi_code

),

join_targets as (

    select
        p.period,
        p.year,
        k.kpi_code,
        k.kpi_name,
        t.target,
        k.unit,
        ty.year is not null                                                        as year_configured,
        a.actual,
        a.left_out,
        a.who,
        case when k.kpi_code = 'fai_growth' then 'stats' else 'projects' end       as feed,
        s.period is not null                                                       as has_stats,
        j.period is not null                                                       as has_projects
    from periods as p
    cross join kpis as k
    left join ref_kpi_targets as t on t.year = p.year and t.kpi_code = k.kpi_code
    left join ref_target_years as ty on ty.year = p.year
    left join actuals as a on a.period = p.period and a.kpi_code = k.kpi_code
    left join (select distinct period from silver.stats) as s on s.period = p.period
    left join (select distinct period from silver.projects) as j on j.period = p.period

),

final as (

    select
        period,
        year,
        cast(substr(period, 6, 2) as int)                                          as month,
        kpi_code,
        kpi_name,
        cast(round(actual, 2) as decimal(18, 2))                                   as actual,
        cast(target as decimal(18, 2))                                             as target,
        unit,
        cast(actual / nullif(target, 0) as double)                                 as attainment,
        case when feed = 'stats' and not has_stats then '本期未报送固定资产投资统计数据'
             when feed = 'projects' and not has_projects then '本月未报送项目库数据'
             when feed = 'stats' and actual is null then '本期统计数据中无全市固定资产投资增速'
             when actual is null then who || '均未填报累计完成投资'
             when left_out > 0 then left_out || '个' || who || '未填报累计完成投资,未计入' end as actual_note,
        case when actual is null then '无实际值'
             when target is null and not year_configured
                 then year || '年未配置目标(缺少 config/targets/' || year || '.yaml)'
             when target is null then '无目标值'
             when target = 0 then '目标值为0,无法计算完成度' end                    as attainment_note
    from join_targets

)

select * from final
