-- DuckDB translation of sql/gold/region_scorecard.sql for `investlake bench` (docs/performance.md "Benchmark"): the same
-- steps and columns; Spark-only syntax rewritten (lateral view explode → unnest; format_number,
-- months_between and to_date are macros in _macros.sql; month / 12.0 rounded to six places, as Spark divides
-- decimals). Not used by the warehouse.
-- gold.region_scorecard — the comprehensive evaluation (综合评价, 四(七)) of the county-level units,
-- one row per period and unit. Each component scores from 0 to its weight (rules.scorecard.weights of
-- the year's config; default 40/30/15/15), linearly on a ratio capped at 1.2 (120 % of the mark earns
-- the whole weight; below zero earns nothing):
--   fai_growth_score      = w × clamp(ytd growth / growth target, 0, 1.2) / 1.2
--   key_project_score     = w × clamp(key-project target attainment / time progress, 0, 1.2) / 1.2
--   bond_completion_score = w × clamp(bond completion rate / time progress, 0, 1.2) / 1.2
--   start_rate_score      = w × the mean of the key-project and bond start rates that exist
-- A component without data in the period (no statistics yet, no bond projects) is left empty, never 0,
-- with a *_note saying why, and the total is rescaled to 100 over the weights of the components that
-- have data (total = Σ scores × 100 / Σ their weights); the reason names the components left out. A unit
-- without any component has no total and no rank, and says so. Ranks use the total rounded to two
-- decimals; bottom_streak counts consecutive periods of the year in the bottom N (rules.scorecard.bottom_n,
-- default 3); interview_flag (约谈) when that streak reaches rules.scorecard.streak (default 3).

with units as (

    select region_code, region_name from ref_regions where kind = 'unit'

),

periods as (

    select distinct period, year, month from gold.region_growth
    union
    select distinct period, year, month from gold.key_project_progress
    union
    select distinct period, year, month from gold.bond_progress

),

-- which feeds the period has at all, to tell "not delivered this month" from "nothing for this unit"
delivered as (

    select
        p.period,
        s.period is not null                                                  as has_stats,
        k.period is not null                                                  as has_projects,
        b.period is not null                                                  as has_bonds
    from periods as p
    left join (select distinct period from gold.region_growth where ytd_growth_pct is not null) as s
        on s.period = p.period
    left join (select distinct period from gold.key_project_progress) as k on k.period = p.period
    left join (select distinct period from gold.bond_progress) as b on b.period = p.period

),

inputs as (

    select
        p.period,
        p.year,
        p.month,
        u.region_code,
        u.region_name,
        g.ytd_growth_pct,
        g.target_growth_pct,
        k.target_attainment,
        k.start_rate                                                          as key_start_rate,
        b.completion_rate                                                     as bond_completion_rate,
        b.start_rate                                                          as bond_start_rate,
        cast(round(p.month / 12.0, 6) as decimal(17, 6))                                                        as time_progress,
        -- why an input is missing, for the notes: the feed not delivered, or nothing for this unit
        case when not d.has_stats then '本期未报送固定资产投资统计数据'
             when g.ytd_growth_pct is null then '本期无该县市区投资增速数据'
             when g.target_growth_pct is null then '无投资增速目标值'
             when g.target_growth_pct = 0 then '投资增速目标为0,无法计算' end as fai_missing,
        case when not d.has_projects then '本月未报送项目库数据'
             when k.region_code is null then '本月无该县市区重点项目数据'
             when k.target_attainment is null then '重点项目目标完成度无法计算:' || k.target_attainment_note end
                                                                              as key_project_missing,
        case when not d.has_bonds then '本月未报送专项债券数据'
             when b.region_code is null then '无专项债券项目'
             when b.completion_rate is null then '专项债完成率无法计算:' || b.completion_rate_note end
                                                                              as bond_missing,
        case when not d.has_projects then '本月未报送项目库数据'
             when k.region_code is null then '本月无该县市区重点项目数据'
             else k.start_rate_note end                                       as key_start_missing,
        case when not d.has_bonds then '本月未报送专项债券数据'
             when b.region_code is null then '无专项债券项目' end            as bond_start_missing,
        r.weight_fai_growth, r.weight_key_project, r.weight_bond_completion, r.weight_start_rate,
        r.bottom_n, r.streak
    from periods as p
    join delivered as d on d.period = p.period
    cross join units as u
    join ref_rules as r on r.year = p.year
    left join gold.region_growth as g on g.period = p.period and g.region_code = u.region_code
    left join gold.key_project_progress as k on k.period = p.period and k.region_code = u.region_code
    left join gold.bond_progress as b on b.period = p.period and b.region_code = u.region_code

),

ratios as (

    select
        i.*,
        ytd_growth_pct / target_growth_pct                                    as fai_ratio,
        target_attainment / time_progress                                     as key_project_ratio,
        bond_completion_rate / time_progress                                  as bond_ratio
    from inputs as i

),

score_components as (

    -- a ratio without data stays NULL and its component is left out; Spark's greatest/least skip
    -- NULLs, so the NULL is kept explicitly rather than let greatest(NULL, 0) score it 0
    select
        r.*,
        case when fai_ratio is not null
             then weight_fai_growth * least(greatest(fai_ratio, 0), 1.2) / 1.2 end        as fai_growth_score,
        case when key_project_ratio is not null
             then weight_key_project * least(greatest(key_project_ratio, 0), 1.2) / 1.2 end as key_project_score,
        case when bond_ratio is not null
             then weight_bond_completion * least(greatest(bond_ratio, 0), 1.2) / 1.2 end   as bond_completion_score,
        weight_start_rate * (coalesce(key_start_rate, 0) + coalesce(bond_start_rate, 0))
            / nullif((case when key_start_rate is not null then 1 else 0 end)
                   + (case when bond_start_rate is not null then 1 else 0 end), 0)         as start_rate_score
    from ratios as r

),

total as (

    select
        s.*,
        round(
            (coalesce(fai_growth_score, 0) + coalesce(key_project_score, 0)
             + coalesce(bond_completion_score, 0) + coalesce(start_rate_score, 0)) * 100
            / nullif((case when fai_growth_score is not null then weight_fai_growth else 0 end)
                   + (case when key_project_score is not null then weight_key_project else 0 end)
                   + (case when bond_completion_score is not null then weight_bond_completion else 0 end)
                   + (case when start_rate_score is not null then weight_start_rate else 0 end), 0),
            2)                                                                as total_score
    from score_components as s

),

rank_units as (

    select
        t.*,
        case when total_score is not null
             then rank() over (partition by period, total_score is not null order by total_score desc) end as rank,
        count(total_score) over (partition by period)                         as ranked_units
    from total as t

),

streaks as (

    -- gaps and islands: a run of consecutive bottom-N periods shares the count of non-bottom periods before it
    select
        r.*,
        coalesce(rank > ranked_units - bottom_n, false)                       as in_bottom,
        sum(case when coalesce(rank > ranked_units - bottom_n, false) then 0 else 1 end)
            over (partition by region_code, year order by month rows between unbounded preceding and current row) as island
    from rank_units as r

),

count_streak as (

    select
        s.*,
        case when in_bottom
             then sum(case when in_bottom then 1 else 0 end) over (
                 partition by region_code, year, island order by month
                 rows between unbounded preceding and current row)
             else 0 end                                                       as streak_length
    from streaks as s

),

final as (

    select
        period,
        year,
        month,
        region_code,
        region_name,
        cast(round(fai_growth_score, 2) as decimal(6, 2))                     as fai_growth_score,
        cast(round(key_project_score, 2) as decimal(6, 2))                    as key_project_score,
        cast(round(bond_completion_score, 2) as decimal(6, 2))                as bond_completion_score,
        cast(round(start_rate_score, 2) as decimal(6, 2))                     as start_rate_score,
        cast(total_score as decimal(6, 2))                                    as total_score,
        cast(rank as int)                                                     as rank,
        cast(streak_length as int)                                            as bottom_streak,
        streak_length >= streak                                               as interview_flag,
        -- each empty component says why it was left out of the total
        case when fai_growth_score is null then fai_missing end              as fai_growth_score_note,
        case when key_project_score is null then key_project_missing end     as key_project_score_note,
        case when bond_completion_score is null then bond_missing end        as bond_completion_score_note,
        case when key_start_rate is null and bond_start_rate is null
                 then '重点项目开工率无数据(' || key_start_missing || '),专项债项目开工率无数据(' || bond_start_missing || ')'
             when bond_start_rate is null then '仅按重点项目开工率计算:' || bond_start_missing
             when key_start_rate is null then '仅按专项债项目开工率计算:' || key_start_missing end
                                                                              as start_rate_score_note,
        case when total_score is null then '各分项均无数据,不参与排名' end   as total_score_note,
        concat_ws(';',
            case when total_score is not null
                 then '综合得分' || format_number(total_score, 2) || ',第' || rank || '名'
                 else '各分项均无数据,不参与排名' end,
            case when total_score is not null
                      and (fai_growth_score is null or key_project_score is null
                           or bond_completion_score is null or start_rate_score is null)
                 then '未计入' || concat_ws('、',
                          case when fai_growth_score is null then '投资增速得分' end,
                          case when key_project_score is null then '重点项目得分' end,
                          case when bond_completion_score is null then '专项债完成率得分' end,
                          case when start_rate_score is null then '开工率得分' end)
                      || '(无数据),总分按其余分项权重折算为百分制' end,
            -- gaps in percentage points, from the figures as shown (one decimal), so they add up on the page
            case when fai_growth_score is not null and fai_growth_score < weight_fai_growth * 0.75
                 then '投资增速' || format_number(ytd_growth_pct, 1) || '%,低于目标(' || format_number(target_growth_pct, 1)
                      || '%)' || format_number(target_growth_pct - ytd_growth_pct, 1) || '个百分点' end,
            case when key_project_score is not null and key_project_score < weight_key_project * 0.75
                 then '重点项目完成目标的' || format_number(target_attainment * 100, 1) || '%,低于序时进度('
                      || format_number(time_progress * 100, 1) || '%)'
                      || format_number(round(time_progress * 100, 1) - round(target_attainment * 100, 1), 1) || '个百分点' end,
            case when bond_completion_score is not null and bond_completion_score < weight_bond_completion * 0.75
                 then '专项债项目完成率' || format_number(bond_completion_rate * 100, 1) || '%,低于序时进度('
                      || format_number(time_progress * 100, 1) || '%)'
                      || format_number(round(time_progress * 100, 1) - round(bond_completion_rate * 100, 1), 1) || '个百分点' end,
            case when start_rate_score is not null and start_rate_score < weight_start_rate * 0.75
                 then '开工率偏低(' || concat_ws(',',
                          '重点项目' || format_number(key_start_rate * 100, 1) || '%',
                          '专项债项目' || format_number(bond_start_rate * 100, 1) || '%') || ')' end,
            case when streak_length >= streak
                 then '连续' || streak_length || '期排名后' || bottom_n || '位,约谈' end
        )                                                                     as reason
    from count_streak

)

select * from final
