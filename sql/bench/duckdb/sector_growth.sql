-- DuckDB translation of sql/gold/sector_growth.sql for `investlake bench` (docs/performance.md "Benchmark"): the same
-- steps and columns; Spark-only syntax rewritten (lateral view explode → unnest; format_number,
-- months_between and to_date are macros in _macros.sql). Not used by the warehouse.
-- gold.sector_growth — city-wide FAI growth of each sector against its target (月通报 table 2).
-- One row per period and sector (全部行业 excluded: that is the 全市 row of gold.region_growth).

with stats as (

    select s.period, s.year, s.month, s.sector_code, s.ytd_growth_pct, s.ytd_amount_wan
    from silver.stats as s
    join ref_regions as r on r.region_code = s.region_code and r.kind = 'city'
    where s.sector_code <> 'all'

),

periods as (

    select distinct period, year, month from stats

),

sectors as (

    select sector_code, sector_name from ref_sectors where sector_code <> 'all'

),

targets as (

    select year, sector_code, fai_growth_pct from ref_sector_targets

),

join_growth_to_targets as (

    select
        p.period,
        p.year,
        p.month,
        sc.sector_code,
        sc.sector_name,
        cast(round(s.ytd_growth_pct, 1) as decimal(6, 1))   as ytd_growth_pct,
        cast(t.fai_growth_pct as decimal(6, 1))             as target_growth_pct,
        s.ytd_amount_wan,
        ty.year is not null                                 as year_configured
    from periods as p
    cross join sectors as sc
    left join ref_target_years as ty on ty.year = p.year
    left join stats as s on s.period = p.period and s.sector_code = sc.sector_code
    left join targets as t on t.year = p.year and t.sector_code = sc.sector_code

),

add_previous_period as (

    select
        cur.*,
        prev.ytd_growth_pct                                  as prev_growth_pct,
        prev.ytd_amount_wan                                  as prev_ytd_amount_wan
    from join_growth_to_targets as cur
    left join join_growth_to_targets as prev
        on prev.sector_code = cur.sector_code
        and prev.year = cur.year
        and prev.month = cur.month - 1

),

final as (

    select
        period,
        year,
        month,
        sector_code,
        sector_name,
        ytd_growth_pct,
        target_growth_pct,
        cast(ytd_growth_pct - target_growth_pct as decimal(6, 1)) as gap_pp,
        prev_growth_pct,
        cast(ytd_growth_pct - prev_growth_pct as decimal(6, 1))   as change_pp,
        -- an empty target says why: the year has no targets file at all, or the file has none for this sector
        case when target_growth_pct is not null then null
             when not year_configured
                 then year || '年未配置目标(缺少 config/targets/' || year || '.yaml),无法与目标对比'
             else year || '年目标中没有' || sector_name || '的增速目标' end as target_note,
        ytd_growth_pct >= target_growth_pct                       as meets_target,
        ytd_amount_wan,
        -- 当月: difference with the previous month; 1-2月 stands for two months
        cast(case when month = 2 then ytd_amount_wan
                  else ytd_amount_wan - prev_ytd_amount_wan end as decimal(18, 2)) as month_amount_wan
    from add_previous_period

)

select * from final
