-- silver.stats — FAI statistics typed, validated and conformed to region and sector codes.
-- Runs once per delivered file over the view stats_staged (that file's data rows, every field still
-- the text the bureau wrote; see schemas/stats.yaml for the columns and LoadJob for the staging).
-- Returns one row per staged row: the silver columns, plus `violations` (rules that send the row to
-- ops.quarantine) and `warnings` (rules that let it load but are counted). Parsing functions il_*
-- implement SPEC §3 (org.investlake.ingest.Numbers / Periods / reference.Labels).

with staged as (

    select * from stats_staged

),

city as (

    select region_code as city_code from ref_regions where kind = 'city'

),

parsed as (

    select
        s.*,
        coalesce(il_period(s.period), s.file_period)                        as period_parsed,
        -- a file without a region column is city-wide; one without a sector column covers all sectors
        case when array_contains(s.columns_present, 'region')
             then il_label(s.region) else (select city_code from city) end   as region_label,
        case when array_contains(s.columns_present, 'sector')
             then coalesce(nullif(il_label(s.sector), ''), '全部') else '全部' end as sector_label,
        il_amount(s.ytd_amount) * s.ytd_amount_factor                       as ytd_amount_wan,
        il_amount(s.prev_ytd_amount) * s.prev_ytd_amount_factor             as prev_ytd_amount_wan,
        il_growth(s.ytd_growth_pct)                                         as reported_growth_pct
    from staged as s

),

conformed as (

    select
        p.*,
        r.region_code,
        rr.region_name,
        sl.sector_code,
        rs.sector_name,
        cast(substr(p.period_parsed, 1, 4) as int)                          as year,
        cast(substr(p.period_parsed, 6, 2) as int)                          as month,
        case when p.prev_ytd_amount_wan > 0 and p.ytd_amount_wan is not null
             then (p.ytd_amount_wan / p.prev_ytd_amount_wan - 1) * 100 end  as computed_growth_pct
    from parsed as p
    left join ref_region_labels as r  on r.label = p.region_label
    left join ref_regions       as rr on rr.region_code = r.region_code
    left join ref_sector_labels as sl on sl.label = p.sector_label
    left join ref_sectors       as rs on rs.sector_code = sl.sector_code

),

checked as (

    select
        c.*,
        filter(array(
            case when c.period_parsed is null
                 then named_struct('rule', 'period_valid', 'column', 'period', 'value', coalesce(c.period, ''), 'detail', '') end,
            case when c.month = 1
                 then named_struct('rule', 'no_january', 'column', 'period', 'value', c.period_parsed, 'detail', '') end,
            case when c.region_code is null
                 then named_struct('rule', 'region_known', 'column', 'region', 'value', coalesce(c.region, ''), 'detail', '') end,
            case when c.sector_code is null
                 then named_struct('rule', 'sector_known', 'column', 'sector', 'value', coalesce(c.sector, ''), 'detail', '') end,
            case when il_amount_invalid(c.ytd_amount)
                 then named_struct('rule', 'number_valid', 'column', 'ytd_amount', 'value', c.ytd_amount, 'detail', '') end,
            case when il_amount_invalid(c.prev_ytd_amount)
                 then named_struct('rule', 'number_valid', 'column', 'prev_ytd_amount', 'value', c.prev_ytd_amount, 'detail', '') end,
            case when il_growth_invalid(c.ytd_growth_pct)
                 then named_struct('rule', 'number_valid', 'column', 'ytd_growth_pct', 'value', c.ytd_growth_pct, 'detail', '') end,
            case when c.reported_growth_pct is null and c.computed_growth_pct is null
                      and not il_growth_invalid(c.ytd_growth_pct)
                      and not il_amount_invalid(c.ytd_amount) and not il_amount_invalid(c.prev_ytd_amount)
                 then named_struct('rule', 'growth_present', 'column', 'ytd_growth_pct', 'value', coalesce(c.ytd_growth_pct, ''), 'detail', '') end,
            case when c.region_code is not null and c.sector_code is not null and c.period_parsed is not null
                      and count(*) over (partition by c.period_parsed, c.region_code, c.sector_code) > 1
                 then named_struct('rule', 'duplicate_row', 'column', 'region', 'value', coalesce(c.region, c.sector, ''), 'detail', '') end
        ), v -> v is not null)                                              as violations,
        filter(array(
            case when abs(c.reported_growth_pct - c.computed_growth_pct) > 0.1
                 then named_struct('rule', 'growth_consistent', 'column', 'ytd_growth_pct',
                                   'value', cast(c.reported_growth_pct as string),
                                   'detail', cast(round(c.computed_growth_pct, 1) as string)) end
        ), v -> v is not null)                                              as warnings
    from conformed as c

),

final as (

    select
        period_parsed                                                       as period,
        year,
        month,
        region_code,
        region_name,
        sector_code,
        sector_name,
        cast(ytd_amount_wan as decimal(18, 2))                              as ytd_amount_wan,
        cast(prev_ytd_amount_wan as decimal(18, 2))                         as prev_ytd_amount_wan,
        -- the bureau's growth is on a comparable basis (可比口径) and wins over the amount ratio
        coalesce(reported_growth_pct, computed_growth_pct)                  as ytd_growth_pct,
        reported_growth_pct,
        computed_growth_pct,
        case when reported_growth_pct is not null then 'reported' else 'computed' end as growth_source,
        load_id,
        source_file,
        source_row,
        loaded_at,
        violations,
        warnings,
        record
    from checked

)

select * from final
