-- gold.consistency_checks — what the bureau reviews before publishing (统计数据质量核查): figures that do not add
-- up, within a feed or between feeds. One row per period, region and check that fires; a check that finds nothing
-- has no row. Flagged, never corrected: every figure stays as delivered.
--
-- Thresholds are rules.consistency of the year's config. A project's completed investment above its total and a
-- bond's spending above its amount never get this far: the load refuses those rows (rules completed_within_total
-- and spent_within_bond) and lists them in ops.quarantine.

with rules as (

    select year, consistency_growth_vs_projects_from_month, consistency_projects_below_share, consistency_growth_low_pp, consistency_projects_above_share,
           consistency_over_plan_ratio, consistency_units_vs_city_wan
    from ref_rules

),

regions as (

    select region_code, region_name, kind, sort_order from ref_regions

),

city as (

    select region_code as city_code, region_name as city_name from ref_regions where kind = 'city'

),

-- 1. growth against key projects, from growth_vs_projects_from_month on: a unit at or above its growth target whose
--    key projects, projected over the seasonal shape (gold.target_outlook), reach at most projects_below_share of
--    their target; or a unit far under its growth target whose key projects are projected at projects_above_share
--    of theirs or more (same period)
key_outlook as (

    -- the projection as a share of the target, from the outlook's figures before its rounding of the projection
    select period, subject_code, actual, projected, target, actual / year_share / target as projected_share
    from gold.target_outlook
    where target_code = 'key_project_completed' and projected is not null and target > 0

),

growth_vs_projects as (

    select
        g.period, g.year, g.month, g.region_code,
        'growth_vs_projects'                                                  as check_code,
        '中'                                                                   as severity,
        '投资增速=' || g.ytd_growth_pct || '%;目标=' || g.target_growth_pct || '%;重点项目完成=' || k.actual
            || '亿元;全年预计=' || k.projected || '亿元;目标=' || k.target || '亿元'   as figures,
        case when g.gap_pp >= 0
             then g.region_name || '1-' || g.month || '月投资增速' || g.ytd_growth_pct || '%,达到目标('
                  || g.target_growth_pct || '%),但省市重点项目按季节进度测算全年预计只完成目标的'
                  || format_number(k.projected_share * 100, 1) || '%,投资增长与项目进度不匹配,请核实。'
             else g.region_name || '1-' || g.month || '月投资增速' || g.ytd_growth_pct || '%,低于目标('
                  || g.target_growth_pct || '%)' || format_number(-g.gap_pp, 1)
                  || '个百分点,但省市重点项目按季节进度测算全年预计完成目标的'
                  || format_number(k.projected_share * 100, 1) || '%,请核实项目投资是否及时入统。'
        end                                                                   as sentence
    from gold.region_growth as g
    join key_outlook as k on k.period = g.period and k.subject_code = g.region_code
    join regions as r on r.region_code = g.region_code and r.kind = 'unit'
    join rules as ru on ru.year = g.year
    where g.gap_pp is not null and k.projected_share is not null
      and g.month >= ru.consistency_growth_vs_projects_from_month
      and (g.gap_pp >= 0 and k.projected_share <= ru.consistency_projects_below_share
           or g.gap_pp <= -ru.consistency_growth_low_pp and k.projected_share >= ru.consistency_projects_above_share)

),

-- 2. cumulative statistics that fall from one month to the next within a year (any sector of the region)
stats_falls as (

    select
        s.period, s.year, s.month, s.region_code,
        case when s.sector_code = 'all' then '' else s.sector_name end        as sector_label,
        s.ytd_amount_wan, p.ytd_amount_wan                                    as prev_ytd_amount_wan,
        -- 亿元 from one 亿 up, else 万元: a small amount reads as itself, not as 0.00亿元
        case when s.ytd_amount_wan >= 10000 then format_number(s.ytd_amount_wan / 10000, 2) || '亿元'
             else format_number(s.ytd_amount_wan, 2) || '万元' end                 as ytd_text,
        case when p.ytd_amount_wan >= 10000 then format_number(p.ytd_amount_wan / 10000, 2) || '亿元'
             else format_number(p.ytd_amount_wan, 2) || '万元' end                 as prev_ytd_text
    from silver.stats as s
    join silver.stats as p
        on p.region_code = s.region_code and p.sector_code = s.sector_code
        and p.year = s.year and p.month = s.month - 1
    where s.ytd_amount_wan < p.ytd_amount_wan

),

stats_cumulative_falls as (

    select
        f.period, f.year, f.month, f.region_code,
        'stats_cumulative_falls'                                              as check_code,
        '高'                                                                   as severity,
        array_join(array_agg(
            f.sector_label || '本年累计=' || f.ytd_amount_wan || '万元;上月=' || f.prev_ytd_amount_wan || '万元'), ';')
                                                                              as figures,
        max(r.region_name) || '1-' || max(f.month) || '月'
            || array_join(array_agg(
                   case when f.sector_label = '' then '固定资产投资' else f.sector_label || '投资' end
                   || '本年累计' || f.ytd_text || ',比1-' || (f.month - 1) || '月(' || f.prev_ytd_text || ')还少'), '、')
            || ',累计数不应下降,请核实。'                                     as sentence
    from stats_falls as f
    join regions as r on r.region_code = f.region_code
    group by f.period, f.year, f.month, f.region_code

),

-- 3-5. findings about single projects and bonds, one row each, counted per region and check below:
--    3. a project's completed investment this year lower than the report month before;
--    4. a project's completed investment this year above over_plan_ratio × its annual plan;
--    5. a bond's spending above its project's completed investment
project_falls as (

    select p.period, p.year, p.month, p.region_code, p.project_name, p.completed_ytd_wan,
           q.completed_ytd_wan as prev_completed_ytd_wan
    from silver.projects as p
    join silver.projects as q
        on q.project_code = p.project_code and q.year = p.year and q.month = p.month - 1
    where p.completed_ytd_wan < q.completed_ytd_wan

),

item_findings as (

    select period, year, month, region_code, 'project_cumulative_falls' as check_code, project_name as item,
           project_name || '=' || completed_ytd_wan || '万元(上月' || prev_completed_ytd_wan || '万元)' as item_figures
    from project_falls

    union all

    select p.period, p.year, p.month, p.region_code, 'project_over_plan', p.project_name,
           p.project_name || '=' || p.completed_ytd_wan || '万元(年度计划' || p.annual_plan_wan || '万元)'
    from silver.projects as p
    join rules as ru on ru.year = p.year
    where p.annual_plan_wan > 0 and p.completed_ytd_wan > p.annual_plan_wan * ru.consistency_over_plan_ratio

    union all

    select period, year, month, region_code, 'bond_spent_over_completed', project_name,
           project_name || '已支出' || bond_spent_wan || '万元(累计完成投资' || completed_ytd_wan || '万元)'
    from silver.bonds
    where bond_spent_wan > completed_ytd_wan

),

item_checks as (

    select
        f.period, f.year, f.month, f.region_code, f.check_code,
        case when f.check_code = 'bond_spent_over_completed' then '低' else '中' end as severity,
        '项目数=' || count(*) || ';' || array_join(slice(array_sort(array_agg(f.item_figures)), 1, 5), ';')
                                                                              as figures,
        max(r.region_name) || f.month || '月有' || count(*)
            || case f.check_code
                   when 'project_cumulative_falls' then '个项目本年累计完成投资比上月还少'
                   when 'project_over_plan'
                       then '个项目本年累计完成投资超过年度计划的' || format_number(max(ru.consistency_over_plan_ratio), 1) || '倍'
                   else '个专项债券项目已支出债券资金超过累计完成投资' end
            || '(如' || array_join(slice(array_sort(array_agg(f.item)), 1, 3), '、') || '),'
            || case f.check_code
                   when 'project_cumulative_falls' then '累计数不应下降,请核实。'
                   when 'project_over_plan' then '请核实完成额或年度计划。'
                   else '请核实资金支出与投资完成进度。' end                  as sentence
    from item_findings as f
    join regions as r on r.region_code = f.region_code
    left join rules as ru on ru.year = f.year
    group by f.period, f.year, f.month, f.region_code, f.check_code

),

-- 6. statistics arrived, projects did not: the month's project-library export is missing altogether (one row, for
--    全市), or it has none of a unit's projects although an earlier month of the year had some
stats_units as (

    select distinct s.period, s.year, s.month, s.region_code
    from silver.stats as s
    join regions as r on r.region_code = s.region_code and r.kind = 'unit'
    where s.sector_code = 'all'

),

project_months as (

    select distinct period from silver.projects

),

project_years as (

    select distinct year from silver.projects

),

projects_per_unit as (

    select period, year, month, region_code, count(*) as projects from silver.projects
    group by period, year, month, region_code

),

export_missing as (

    select
        su.period, max(su.year) as year, max(su.month) as month, max(c.city_code) as region_code,
        'projects_missing'                                                    as check_code,
        '高'                                                                   as severity,
        '统计数据县市区数=' || count(*) || ';项目库数据=未报送'                as figures,
        '1-' || max(su.month) || '月固定资产投资统计数据已报送,但' || max(su.month)
            || '月项目库数据未报送,无法核对项目与统计数据。'                   as sentence
    from stats_units as su
    cross join city as c
    join project_years as y on y.year = su.year
    left join project_months as m on m.period = su.period
    where m.period is null
    group by su.period

),

unit_projects_missing as (

    select
        su.period, su.year, su.month, su.region_code,
        'projects_missing'                                                    as check_code,
        '高'                                                                   as severity,
        '本月项目数=0;此前最多=' || max(e.projects)                          as figures,
        max(r.region_name) || '1-' || su.month || '月统计数据已报送,但' || su.month || '月项目库中没有'
            || max(r.region_name) || '的项目(本年此前月份最多' || max(e.projects) || '个),请核实项目库是否漏报。'
                                                                              as sentence
    from stats_units as su
    join project_months as m on m.period = su.period
    join regions as r on r.region_code = su.region_code
    join projects_per_unit as e on e.region_code = su.region_code and e.year = su.year and e.month < su.month
    left join projects_per_unit as n on n.region_code = su.region_code and n.period = su.period
    where n.projects is null
    group by su.period, su.year, su.month, su.region_code

),

-- 7. the units' amounts against the 全市 amount, when every unit has one: the load's total_reconciles warning, kept
--    here too where the 全市 row and the units came in different files
units_vs_city as (

    select
        s.period, s.year, s.month,
        sum(case when r.kind = 'unit' then s.ytd_amount_wan end)              as units_wan,
        count(case when r.kind = 'unit' and s.ytd_amount_wan is not null then 1 end) as units_with_amount,
        max(case when r.kind = 'city' then s.ytd_amount_wan end)              as city_wan
    from silver.stats as s
    join regions as r on r.region_code = s.region_code
    where s.sector_code = 'all'
    group by s.period, s.year, s.month

),

units_vs_city_checks as (

    select
        u.period, u.year, u.month, c.city_code as region_code,
        'units_vs_city'                                                       as check_code,
        '中'                                                                   as severity,
        '各县市区合计=' || u.units_wan || '万元;全市=' || u.city_wan || '万元' as figures,
        '1-' || u.month || '月各县市区本年累计合计' || format_number(u.units_wan, 2) || '万元,与全市('
            || format_number(u.city_wan, 2) || '万元)相差' || format_number(abs(u.units_wan - u.city_wan), 2)
            || '万元,请核实。'
                                                                              as sentence
    from units_vs_city as u
    cross join city as c
    join rules as ru on ru.year = u.year
    where u.units_with_amount = (select count(*) from regions where kind = 'unit')
      and u.city_wan is not null
      and abs(u.units_wan - u.city_wan) > ru.consistency_units_vs_city_wan

),

all_checks as (

    select * from growth_vs_projects
    union all select * from stats_cumulative_falls
    union all select * from item_checks
    union all select * from export_missing
    union all select * from unit_projects_missing
    union all select * from units_vs_city_checks

),

final as (

    select
        a.period,
        a.year,
        a.month,
        a.check_code,
        case a.check_code
            when 'growth_vs_projects' then '投资增速与重点项目进度不匹配'
            when 'stats_cumulative_falls' then '统计累计数下降'
            when 'project_cumulative_falls' then '项目累计完成投资下降'
            when 'project_over_plan' then '项目完成投资远超年度计划'
            when 'bond_spent_over_completed' then '债券资金支出超过完成投资'
            when 'projects_missing' then '统计数据已报、项目数据未报'
            when 'units_vs_city' then '各县市区合计与全市不符'
        end                                                                   as check_name,
        a.severity,
        a.region_code,
        r.region_name,
        a.figures,
        a.sentence
    from all_checks as a
    join regions as r on r.region_code = a.region_code

)

select * from final
