-- silver.projects — the project-library export, one snapshot per project per report month, typed and
-- conformed (region and sector codes, standard level and stage, amounts in 万元, start months).
-- Runs once per delivered file over projects_staged (text as delivered, <column>_raw); the rules of
-- schemas/projects.yaml are then checked on this result and passing rows are MERGEd on
-- (period, project_code), so a corrected month replaces that month and earlier months stay.
-- projects_values holds the contract's vocabularies (level, stage); projects_history what silver
-- already holds, to compare a month with the one before.

with staged as (

    select * from projects_staged

),

parse_text as (

    select
        s.*,
        case when nullif(il_fold(s.period_raw), '') is null then s.file_period
             else il_period(s.period_raw) end                           as period_parsed,
        nullif(upper(il_fold(s.project_code_raw)), '')                                         as code,
        il_fold(s.project_name_raw)                                                as name,
        il_amount(s.total_investment_raw) * s.total_investment_factor             as total_investment,
        il_amount(s.annual_plan_raw) * s.annual_plan_factor                       as annual_plan,
        il_amount(s.completed_ytd_raw) * s.completed_ytd_factor                   as completed_ytd,
        il_period(s.planned_start_raw)                                             as planned_start_month,
        il_period(s.actual_start_raw)                                              as actual_start_month,
        il_flag(s.private_promotion_raw)                                           as private_promotion
    from staged as s

),

conform_codes as (

    select
        p.*,
        r.region_code,
        rr.region_name,
        rr.kind                                                                    as region_kind,
        sl.sector_code,
        rs.sector_name,
        lv.value                                                                   as level,
        st.value                                                                   as stage,
        cr.region_code                                                             as code_region_code
    from parse_text as p
    left join ref_region_labels as r  on r.label = il_label(p.region_raw)
    left join ref_regions       as rr on rr.region_code = r.region_code
    left join ref_sector_labels as sl on sl.label = il_label(p.sector_raw)
    left join ref_sectors       as rs on rs.sector_code = sl.sector_code
    left join projects_values   as lv on lv.column = 'level' and lv.label = il_label(p.level_raw)
    left join projects_values   as st on st.column = 'stage' and st.label = il_label(p.stage_raw)
    left join ref_regions       as cr on cr.region_code = substr(p.code, 6, 6)

),

delivered_periods as (

    select distinct period_parsed as period from conform_codes

),

latest_earlier as (

    -- per delivered month, each project's latest earlier snapshot in the same year: found per project first, so a
    -- December file is joined with one earlier row per project, not with all eleven months before it
    select
        d.period,
        h.project_code,
        max_by(struct(h.period as period, h.completed_ytd_wan as completed_ytd_wan), h.period) as prev
    from delivered_periods as d
    join projects_history as h
        on substr(h.period, 1, 4) = substr(d.period, 1, 4)
        and h.period < d.period
    group by d.period, h.project_code

),

add_previous_month as (

    -- the same project's latest earlier snapshot in the same year, for the cumulative rule
    select
        c.*,
        l.prev.period                                                              as prev_period,
        l.prev.completed_ytd_wan                                                   as prev_completed_ytd_wan
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
        name                                                                       as project_name,
        region_code,
        region_name,
        sector_code,
        sector_name,
        level,
        level in ('省重点', '市重点')                                               as is_key_project,
        il_fold(library_raw)                                                       as library,
        stage,
        cast(total_investment as decimal(18, 2))                                   as total_investment_wan,
        cast(annual_plan as decimal(18, 2))                                        as annual_plan_wan,
        cast(completed_ytd as decimal(18, 2))                                      as completed_ytd_wan,
        planned_start_month,
        actual_start_month,
        actual_start_month is not null                                             as is_started,
        coalesce(private_promotion, false)                                         as is_private_promotion,
        -- an empty cell is no leader, not a leader named ''
        nullif(il_fold(leader_raw), '')                                            as leader,
        nullif(il_fold(responsible_unit_raw), '')                                  as responsible_unit,
        load_id,
        source_file,
        source_row,
        loaded_at,
        -- for the quality rules and the quarantine
        region_kind,
        code_region_code,
        code rlike '^[0-9]{4}-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}$'                 as code_shape_ok,
        cast(substr(code, 1, 2) as int)                                            as code_year,
        cast(substr(code, 3, 2) as int)                                            as code_month,
        count(*) over (partition by period_parsed, code)                           as copies_in_file,
        prev_period,
        prev_completed_ytd_wan,
        project_code_raw, project_name_raw, region_raw, sector_raw, level_raw, stage_raw,
        total_investment_raw, annual_plan_raw, completed_ytd_raw, planned_start_raw, actual_start_raw,
        private_promotion_raw, period_raw,
        record
    from add_previous_month

)

select * from final
