-- DuckDB translation of sql/gold/region_growth.sql for `investlake bench` (docs/performance.md "Benchmark"): the same
-- steps and columns; Spark-only syntax rewritten (lateral view explode → unnest; format_number,
-- months_between and to_date are macros in _macros.sql). Not used by the warehouse.
-- gold.region_growth — FAI growth of each county-level unit against its target, ranked (月通报 table 1).
-- One row per period and region: the ranked units (config/city.yaml) plus the 全市 row (rank empty). A unit without
-- statistics for a period still gets its row, with empty growth and no rank, so a gap is visible.

with stats as (

    select period, year, month, region_code, ytd_growth_pct, ytd_amount_wan
    from silver.stats
    where sector_code = 'all'

),

periods as (

    select distinct period, year, month from stats

),

regions as (

    select region_code, region_name, kind
    from ref_regions
    where kind in ('city', 'unit')

),

targets as (

    select year, region_code, fai_growth_pct from ref_region_targets

),

rules as (

    select year, drop_fall_pp, drop_under_target_pp from ref_rules

),

join_growth_to_targets as (

    select
        p.period,
        p.year,
        p.month,
        r.region_code,
        r.region_name,
        r.kind,
        -- growth as published: one decimal; ranks and gaps use this value (docs/contract.md "Metrics and rules")
        cast(round(s.ytd_growth_pct, 1) as decimal(6, 1))   as ytd_growth_pct,
        cast(t.fai_growth_pct as decimal(6, 1))             as target_growth_pct,
        s.ytd_amount_wan
    from periods as p
    cross join regions as r
    left join stats as s on s.period = p.period and s.region_code = r.region_code
    left join targets as t on t.year = p.year and t.region_code = r.region_code

),

add_previous_period as (

    -- the previous period is the month before in the same year; 1-2月 has none
    select
        cur.*,
        prev.ytd_growth_pct                                  as prev_growth_pct,
        prev.ytd_amount_wan                                  as prev_ytd_amount_wan
    from join_growth_to_targets as cur
    left join join_growth_to_targets as prev
        on prev.region_code = cur.region_code
        and prev.year = cur.year
        and prev.month = cur.month - 1

),

rank_units as (

    select
        g.*,
        g.ytd_growth_pct - g.target_growth_pct               as gap_pp,
        g.ytd_growth_pct - g.prev_growth_pct                 as change_pp,
        case when g.kind = 'unit' and g.ytd_growth_pct is not null
             then rank() over (
                 partition by g.period, (g.kind = 'unit' and g.ytd_growth_pct is not null)
                 order by g.ytd_growth_pct desc)
        end                                                  as rank
    from add_previous_period as g

),

final as (

    select
        u.period,
        u.year,
        u.month,
        u.region_code,
        u.region_name,
        u.ytd_growth_pct,
        u.target_growth_pct,
        cast(u.gap_pp as decimal(6, 1))                      as gap_pp,
        u.prev_growth_pct,
        cast(u.change_pp as decimal(6, 1))                   as change_pp,
        cast(u.rank as int)                                  as rank,
        -- an empty target says why: the year has no targets file at all, or the file has none for this unit
        case when u.target_growth_pct is not null then null
             when ty.year is null
                 then u.year || '年未配置目标(缺少 config/targets/' || u.year || '.yaml),无法与目标对比'
             else u.year || '年目标中没有' || u.region_name || '的增速目标' end as target_note,
        u.ytd_growth_pct >= u.target_growth_pct              as meets_target,
        -- 回落幅度大 or far under target: either rule, with thresholds from the year's config; a unit
        -- without growth this period, or a year without thresholds configured, is not "no alert" but unknown
        case when u.ytd_growth_pct is not null and ru.year is not null
             then coalesce(u.change_pp <= -ru.drop_fall_pp, false)
                  or coalesce(u.gap_pp <= -ru.drop_under_target_pp, false) end as drop_alert,
        u.ytd_amount_wan,
        -- 当月: the difference with the previous month; 1-2月 is published as one, so it stands for two months
        cast(case when u.month = 2 then u.ytd_amount_wan
                  else u.ytd_amount_wan - u.prev_ytd_amount_wan end as decimal(18, 2)) as month_amount_wan
    from rank_units as u
    left join rules as ru on ru.year = u.year
    left join ref_target_years as ty on ty.year = u.year

)

select * from final
