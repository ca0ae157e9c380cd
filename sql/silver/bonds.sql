-- silver.bonds — special-bond projects (地方政府专项债券), one snapshot per project per report month,
-- typed and conformed (region codes, amounts in 万元, started as a boolean). Runs once per delivered
-- file over bonds_staged; the rules of schemas/bonds.yaml are checked on this result and passing rows
-- are MERGEd on (period, project_code). bonds_history is what silver already holds.

with staged as (

    select * from bonds_staged

),

parse_text as (

    select
        s.*,
        case when nullif(il_fold(s.period_raw), '') is null then s.file_period
             else il_period(s.period_raw) end                           as period_parsed,
        nullif(upper(il_fold(s.project_code_raw)), '')                                         as code,
        il_amount(s.bond_amount_raw) * s.bond_amount_factor                        as bond_amount,
        il_amount(s.annual_plan_raw) * s.annual_plan_factor                        as annual_plan,
        il_amount(s.completed_ytd_raw) * s.completed_ytd_factor                    as completed_ytd,
        il_amount(s.bond_spent_raw) * s.bond_spent_factor                          as bond_spent
    from staged as s

),

conform_codes as (

    select
        p.*,
        r.region_code,
        rr.region_name,
        cr.region_code                                                             as code_region_code
    from parse_text as p
    left join ref_region_labels as r  on r.label = il_label(p.region_raw)
    left join ref_regions       as rr on rr.region_code = r.region_code
    left join ref_regions       as cr on cr.region_code = substr(p.code, 6, 6)

),

delivered_periods as (

    select distinct period_parsed as period from conform_codes

),

latest_earlier as (

    -- per delivered month, each project's latest earlier snapshot in the same year, found per project before the
    -- join (a December file meets one earlier row per project, not all eleven months before it)
    select
        d.period,
        h.project_code,
        max_by(
            struct(
                h.period as period,
                h.completed_ytd_wan as completed_ytd_wan,
                h.bond_spent_wan as bond_spent_wan),
            h.period)                                                              as prev
    from delivered_periods as d
    join bonds_history as h
        on substr(h.period, 1, 4) = substr(d.period, 1, 4)
        and h.period < d.period
    group by d.period, h.project_code

),

add_previous_month as (

    select
        c.*,
        l.prev.period                                                              as prev_period,
        l.prev.completed_ytd_wan                                                   as prev_completed_ytd_wan,
        l.prev.bond_spent_wan                                                      as prev_bond_spent_wan
    from conform_codes as c
    left join latest_earlier as l
        on l.project_code = c.code
        and l.period = c.period_parsed

),

final as (

    select
        period_parsed                                                              as period,
        cast(substr(period_parsed, 1, 4) as int)                                   as year,
        cast(substr(period_parsed, 6, 2) as int)                                   as month,
        code                                                                       as project_code,
        il_fold(project_name_raw)                                                  as project_name,
        region_code,
        region_name,
        il_fold(bond_batch_raw)                                                    as bond_batch,
        cast(bond_amount as decimal(18, 2))                                        as bond_amount_wan,
        to_date(il_date(issue_date_raw))                                           as issue_date,
        cast(annual_plan as decimal(18, 2))                                        as annual_plan_wan,
        cast(completed_ytd as decimal(18, 2))                                      as completed_ytd_wan,
        cast(bond_spent as decimal(18, 2))                                         as bond_spent_wan,
        coalesce(il_flag(started_raw), false)                                      as is_started,
        load_id,
        source_file,
        source_row,
        loaded_at,
        -- for the quality rules and the quarantine
        code_region_code,
        code rlike '^[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}$'                 as code_shape_ok,
        count(*) over (partition by period_parsed, code)                           as copies_in_file,
        prev_period,
        prev_completed_ytd_wan,
        prev_bond_spent_wan,
        project_code_raw, project_name_raw, region_raw, bond_batch_raw, bond_amount_raw, issue_date_raw,
        annual_plan_raw, completed_ytd_raw, bond_spent_raw, started_raw, period_raw,
        record
    from add_previous_month

)

select * from final
