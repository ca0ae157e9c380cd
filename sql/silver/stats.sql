-- silver.stats — FAI statistics typed and conformed to region and sector codes, amounts in 万元.
-- Runs once per delivered file over the view stats_staged: that file's data rows, each contract
-- column still the text the bureau wrote (<column>_raw), amounts with their factor to 万元, and the
-- file's period when its title or `load --period` gave one; stats_history is what silver holds. The quality rules of schemas/stats.yaml
-- are then checked on this result (org.investlake.quality.RuleEngine); rows that pass are MERGEd
-- into silver.stats on (period, region_code, sector_code). Parsing functions il_* implement the
-- parsing rules of docs/contract.md ("Feeds").

with staged as (

    select * from stats_staged

),

city as (

    select region_code as city_code from ref_regions where kind = 'city'

),

parse_text as (

    select
        s.*,
        case when nullif(il_fold(s.period_raw), '') is null then s.file_period
             else il_period(s.period_raw) end                          as period_parsed,
        -- a file without a region column is city-wide; one without a sector column covers all sectors
        case when array_contains(s.columns_present, 'region')
             then il_label(s.region_raw) else (select city_code from city) end     as region_label,
        case when array_contains(s.columns_present, 'sector')
             then coalesce(nullif(il_label(s.sector_raw), ''), '全部') else '全部' end as sector_label,
        il_amount(s.ytd_amount_raw) * s.ytd_amount_factor                         as ytd_amount,
        il_amount(s.prev_ytd_amount_raw) * s.prev_ytd_amount_factor               as prev_ytd_amount,
        il_growth(s.ytd_growth_pct_raw)                                           as reported_growth
    from staged as s

),

conform_codes as (

    select
        p.*,
        r.region_code,
        rr.region_name,
        rr.kind                                                                   as region_kind,
        sl.sector_code,
        rs.sector_name
    from parse_text as p
    left join ref_region_labels as r  on r.label = p.region_label
    left join ref_regions       as rr on rr.region_code = r.region_code
    left join ref_sector_labels as sl on sl.label = p.sector_label
    left join ref_sectors       as rs on rs.sector_code = sl.sector_code

),

add_loaded as (

    -- what silver already holds for the same row, from an earlier file (for the agreement rule)
    select c.*, h.ytd_growth_pct as loaded_growth_pct, h.source_file as loaded_from
    from conform_codes as c
    left join stats_history as h
        on h.period = c.period_parsed and h.region_code = c.region_code and h.sector_code = c.sector_code

),

final as (

    select
        period_parsed                                                             as period,
        cast(substr(period_parsed, 1, 4) as int)                                  as year,
        cast(substr(period_parsed, 6, 2) as int)                                  as month,
        region_code,
        region_name,
        sector_code,
        sector_name,
        cast(ytd_amount as decimal(18, 2))                                        as ytd_amount_wan,
        cast(prev_ytd_amount as decimal(18, 2))                                   as prev_ytd_amount_wan,
        -- the bureau's growth is on a comparable basis (可比口径) and wins over the amount ratio
        coalesce(reported_growth, (ytd_amount / prev_ytd_amount - 1) * 100)       as ytd_growth_pct,
        reported_growth                                                           as reported_growth_pct,
        case when prev_ytd_amount > 0 then (ytd_amount / prev_ytd_amount - 1) * 100 end as computed_growth_pct,
        case when reported_growth is not null then 'reported' else 'computed' end as growth_source,
        load_id,
        source_file,
        source_row,
        loaded_at,
        -- for the quality rules and the quarantine: the text as delivered, and the file's own totals
        region_kind,
        loaded_growth_pct,
        loaded_from,
        sum(case when region_kind = 'unit' then ytd_amount end)
            over (partition by period_parsed, sector_code)                        as units_ytd_amount,
        count(case when region_kind = 'unit' then 1 end)
            over (partition by period_parsed, sector_code)                        as units_in_file,
        -- how many units the city has (config city.yaml), so the reconciliation knows a complete file
        (select count(*) from ref_regions where kind = 'unit')                   as units_expected,
        count(*) over (partition by period_parsed, region_code, sector_code)      as copies_in_file,
        period_raw,
        region_raw,
        sector_raw,
        ytd_amount_raw,
        prev_ytd_amount_raw,
        ytd_growth_pct_raw,
        record
    from add_loaded

)

select * from final
