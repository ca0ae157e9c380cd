-- gold.city_kpis — the city's headline indicators against the work plan's targets, one row per
-- period and KPI (二、指导目标 and 三(二)(四)): FAI growth vs 7%, key projects vs 420 and their
-- completed investment vs 370亿, new-start projects' total vs 500亿 and completed vs 100亿, projects
-- promoted to private capital vs 20 and their total investment vs 100亿. Amounts in 亿元 here, as the
-- targets are written; attainment = actual / target.

with growth as (

    select s.period, s.year, s.ytd_growth_pct
    from silver.stats as s
    join ref_regions as r on r.region_code = s.region_code and r.kind = 'city'
    where s.sector_code = 'all'

),

projects as (

    select
        period,
        year,
        count_if(is_key_project)                                                   as key_projects,
        sum(case when is_key_project then completed_ytd_wan end) / 10000          as key_completed_yi,
        sum(case when stage = '新开工' then total_investment_wan end) / 10000      as new_start_total_yi,
        sum(case when stage = '新开工' then completed_ytd_wan end) / 10000         as new_start_completed_yi,
        count_if(is_private_promotion)                                             as promoted,
        sum(case when is_private_promotion then total_investment_wan end) / 10000 as promoted_total_yi
    from silver.projects
    group by period, year

),

actuals as (

    select period, year, 'fai_growth' as kpi_code, round(ytd_growth_pct, 1) as actual from growth
    union all
    select period, year, 'key_project_count', key_projects from projects
    union all
    select period, year, 'key_project_completed', key_completed_yi from projects
    union all
    select period, year, 'new_start_total_investment', new_start_total_yi from projects
    union all
    select period, year, 'new_start_completed', new_start_completed_yi from projects
    union all
    select period, year, 'private_promotion_count', promoted from projects
    union all
    select period, year, 'private_promotion_investment', promoted_total_yi from projects

),

final as (

    select
        a.period,
        a.year,
        cast(substr(a.period, 6, 2) as int)                                        as month,
        a.kpi_code,
        t.kpi_name,
        cast(round(a.actual, 2) as decimal(18, 2))                                 as actual,
        cast(t.target as decimal(18, 2))                                           as target,
        t.unit,
        cast(a.actual / nullif(t.target, 0) as double)                             as attainment
    from actuals as a
    join ref_kpi_targets as t on t.year = a.year and t.kpi_code = a.kpi_code

)

select * from final
