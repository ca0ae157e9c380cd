-- DuckDB translation of sql/gold/bond_progress.sql for `investlake bench` (docs/performance.md "Benchmark"): the same
-- steps and columns; Spark-only syntax rewritten (lateral view explode → unnest; format_number,
-- months_between and to_date are macros in _macros.sql). Not used by the warehouse.
-- gold.bond_progress — special-bond projects per region: 开工率 and 完成率 as the 月通报 reports them
-- (三(一)). One row per report month and region that has bond projects, plus the 全市 row (the sum
-- of all regions). A month without bond data has no rows. A sum over projects that all left a figure
-- blank is empty, never 0; each rate that cannot be computed is empty with a *_note saying why in
-- Chinese, and a rate computed over some projects only says how many it left out.

with bonds as (

    select * from silver.bonds

),

city as (

    select region_code as city_code from ref_regions where kind = 'city'

),

measure_bonds as (

    select b.period, b.year, b.month, r.region_code, b.is_started, b.bond_amount_wan,
           b.annual_plan_wan, b.completed_ytd_wan, b.bond_spent_wan
    from bonds as b
    cross join city as c
    cross join unnest([b.region_code, c.city_code]) as r(region_code)

),

sum_by_region as (

    select
        period,
        year,
        month,
        region_code,
        cast(count(*) as int)                                                 as projects,
        cast(count_if(is_started) as int)                                     as started,
        cast(sum(bond_amount_wan) as decimal(18, 2))                          as bond_amount_wan,
        cast(sum(annual_plan_wan) as decimal(18, 2))                          as annual_plan_wan,
        cast(sum(completed_ytd_wan) as decimal(18, 2))                        as completed_ytd_wan,
        cast(sum(bond_spent_wan) as decimal(18, 2))                           as bond_spent_wan,
        cast(count_if(annual_plan_wan is null) as int)                        as plan_missing,
        cast(count_if(completed_ytd_wan is null) as int)                      as completed_missing,
        cast(count_if(bond_spent_wan is null) as int)                         as spent_missing
    from measure_bonds
    group by period, year, month, region_code

),

add_previous_month as (

    select
        cur.*,
        prev.completed_ytd_wan                                                as prev_completed_ytd_wan
    from sum_by_region as cur
    left join sum_by_region as prev
        on prev.region_code = cur.region_code
        and prev.year = cur.year
        and prev.month = cur.month - 1

),

final as (

    select
        a.period,
        a.year,
        a.month,
        a.region_code,
        r.region_name,
        a.projects,
        a.started,
        -- never empty: a month's rows exist only for regions with bond projects
        cast(a.started / nullif(a.projects, 0) as double)                     as start_rate,
        a.bond_amount_wan,
        a.annual_plan_wan,
        a.completed_ytd_wan,
        cast(case when a.month = 1 then a.completed_ytd_wan
                  else a.completed_ytd_wan - a.prev_completed_ytd_wan end as decimal(18, 2)) as month_completed_wan,
        cast(a.completed_ytd_wan / nullif(a.annual_plan_wan, 0) as double)    as completion_rate,
        case when a.annual_plan_wan is null then '专项债项目均缺少年度计划投资数据'
             when a.annual_plan_wan = 0 then '年度计划投资合计为0,无法计算完成率'
             when a.completed_ytd_wan is null then '专项债项目均缺少累计完成投资数据'
             else nullif(concat_ws(';',
                 case when a.plan_missing > 0 then a.plan_missing || '个项目缺少年度计划投资数据,未计入' end,
                 case when a.completed_missing > 0 then a.completed_missing || '个项目缺少累计完成投资数据,未计入' end),
                 '') end                                                      as completion_rate_note,
        a.bond_spent_wan,
        cast(a.bond_spent_wan / nullif(a.bond_amount_wan, 0) as double)       as spend_rate,
        -- the bond amount is required by the feed's rules: only the spending can be missing
        case when a.bond_amount_wan = 0 then '发行金额合计为0,无法计算支出率'
             when a.bond_spent_wan is null then '专项债项目均缺少已支出债券资金数据'
             when a.spent_missing > 0 then a.spent_missing || '个项目缺少已支出债券资金数据,未计入' end
                                                                              as spend_rate_note
    from add_previous_month as a
    join ref_regions as r on r.region_code = a.region_code

)

select * from final
