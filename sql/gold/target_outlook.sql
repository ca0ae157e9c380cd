-- gold.target_outlook — where each of the year's targets is heading and what the rest of the year needs
-- (工作方案 "及时研判未来投资走势"). One row per period and target: FAI growth of every county-level unit and of
-- 全市, growth of every sector with a target, and 省市重点项目 completed investment of every region with a target.
--
-- The seasonal shape: the share of a year's investment normally done by the end of month m. It is last year's own
-- (上年实际: last year's amount to month m ÷ last year's full-year amount) where silver.stats or the project
-- library holds last year's December, else rules.outlook.default_shape of the year's config (默认季节分布): fai for
-- growth targets, key_projects for the projects' completed investment.
--   growth target T, year-to-date growth g, share s:
--     projection = g: when this year follows last year's shape, the year ends at the growth it has so far (the
--     shape cancels out); the shape sets what is left of the year, hence what the remaining months need:
--     needed growth of the remaining months over the same months last year = ((1+T) − (1+g)·s) / (1 − s) − 1;
--     needed monthly amount = (last year's full year × (1+T) − amount so far) / months left, where last year's
--     full year is its December amount, else the same-period amount ÷ s.
--   amount target (亿元), completed so far C: projection = C ÷ s; needed monthly = (target − C) / months left;
--     needed growth over last year's same months only where last year's figures are loaded.
-- Status (rules.outlook): 已达标 the target is met (a growth target only once the year is complete); 未完成 the
-- year is complete and it is not; 有望完成 projection ≥ target; 需加快 short by at most within_reach_pp points (growth)
-- or projected at ≥ within_reach_share of the target (amount); 难以完成 short by more. No projection and no status
-- for 1-2月 alone, or without an actual, a target or the year's outlook rules: note says which.

with shape_default as (

    select year, shape_code, month, cumulative_share from ref_outlook_shape

),

rules as (

    select year, outlook_within_reach_pp, outlook_within_reach_share from ref_rules

),

stats as (

    select s.period, s.year, s.month, s.region_code, s.sector_code, s.ytd_growth_pct, s.ytd_amount_wan,
           s.prev_ytd_amount_wan
    from silver.stats as s

),

stats_periods as (

    select distinct period, year, month from stats

),

city as (

    select region_code as city_code, region_name as city_name from ref_regions where kind = 'city'

),

-- every unit and 全市 (sector 'all'), and every sector of 全市, in every period with statistics: a subject
-- without a figure keeps its row, so a gap is visible
growth_subjects as (

    select p.period, p.year, p.month, 'fai_growth' as target_code, '固定资产投资增速' as target_name,
           r.kind as subject_kind, r.region_code, 'all' as sector_code, r.region_code as subject_code,
           r.region_name as subject_name, t.fai_growth_pct as target
    from stats_periods as p
    cross join ref_regions as r
    left join ref_region_targets as t on t.year = p.year and t.region_code = r.region_code
    where r.kind in ('city', 'unit')

    union all

    select p.period, p.year, p.month, 'sector_growth', '分行业投资增速', 'sector', c.city_code, sc.sector_code,
           sc.sector_code, sc.sector_name, t.fai_growth_pct
    from stats_periods as p
    cross join city as c
    join ref_sectors as sc on sc.sector_code <> 'all'
    join ref_sector_targets as t on t.year = p.year and t.sector_code = sc.sector_code

),

growth_inputs as (

    select
        g.period, g.year, g.month, g.target_code, g.target_name, g.subject_kind, g.subject_code, g.subject_name,
        '%'                                                               as unit,
        'fai'                                                             as shape_code,
        g.target,
        cast(round(s.ytd_growth_pct, 1) as double)                        as actual,
        s.ytd_amount_wan                                                  as amount_wan,
        coalesce(s.prev_ytd_amount_wan, ly.ytd_amount_wan)                as last_year_same_wan,
        ly12.ytd_amount_wan                                               as last_year_full_wan
    from growth_subjects as g
    left join stats as s
        on s.period = g.period and s.region_code = g.region_code and s.sector_code = g.sector_code
    left join stats as ly
        on ly.year = g.year - 1 and ly.month = g.month
        and ly.region_code = g.region_code and ly.sector_code = g.sector_code
    left join stats as ly12
        on ly12.year = g.year - 1 and ly12.month = 12
        and ly12.region_code = g.region_code and ly12.sector_code = g.sector_code

),

-- 省市重点项目: gold.key_project_progress per report month and region, against the region's own target
projects as (

    select period, year, month, region_code, region_name, completed_ytd_wan, target_yi
    from gold.key_project_progress

),

project_inputs as (

    select
        p.period, p.year, p.month,
        'key_project_completed'                                           as target_code,
        '省市重点项目完成投资'                                               as target_name,
        r.kind                                                            as subject_kind,
        p.region_code                                                     as subject_code,
        p.region_name                                                     as subject_name,
        '亿元'                                                             as unit,
        'key_projects'                                                    as shape_code,
        p.target_yi                                                       as target,
        p.completed_ytd_wan / 10000                                       as actual,
        p.completed_ytd_wan                                               as amount_wan,
        ly.completed_ytd_wan                                              as last_year_same_wan,
        ly12.completed_ytd_wan                                            as last_year_full_wan
    from projects as p
    join ref_regions as r on r.region_code = p.region_code
    left join projects as ly on ly.year = p.year - 1 and ly.month = p.month and ly.region_code = p.region_code
    left join projects as ly12 on ly12.year = p.year - 1 and ly12.month = 12 and ly12.region_code = p.region_code
    where p.target_yi is not null

),

-- the city's other headline indicators (gold.city_kpis). New starts' completed investment accumulates over the
-- year like the key projects'; the others count or total the projects on a list (key projects, new starts started,
-- projects offered to private capital), projected as they stand: 按目前已有项目计, nothing added later
kpis as (

    select period, year, month, kpi_code, kpi_name, actual, target, unit from gold.city_kpis

),

kpi_inputs as (

    select
        k.period, k.year, k.month,
        k.kpi_code                                                        as target_code,
        k.kpi_name                                                        as target_name,
        'city'                                                            as subject_kind,
        c.city_code                                                       as subject_code,
        c.city_name                                                       as subject_name,
        k.unit,
        case when k.kpi_code = 'new_start_completed' then 'key_projects' else 'stock' end as shape_code,
        k.target,
        k.actual,
        case when k.unit = '亿元' then k.actual * 10000 end               as amount_wan,
        case when k.unit = '亿元' then ly.actual * 10000 end              as last_year_same_wan,
        case when k.unit = '亿元' then ly12.actual * 10000 end            as last_year_full_wan
    from kpis as k
    cross join city as c
    left join kpis as ly on ly.kpi_code = k.kpi_code and ly.year = k.year - 1 and ly.month = k.month
    left join kpis as ly12 on ly12.kpi_code = k.kpi_code and ly12.year = k.year - 1 and ly12.month = 12
    where k.kpi_code not in ('fai_growth', 'key_project_completed')

),

shaped as (

    -- the share of the year done by this month: last year's own where its December is loaded, else the default
    select
        i.*,
        case when i.last_year_same_wan > 0 and i.last_year_full_wan > 0
             then i.last_year_same_wan / i.last_year_full_wan
             else d.cumulative_share end                                  as year_share,
        case when i.last_year_same_wan > 0 and i.last_year_full_wan > 0 then '上年实际'
             when d.cumulative_share is not null then '默认季节分布' end    as shape_source
    from (select * from growth_inputs
          union all select * from project_inputs
          union all select * from kpi_inputs) as i
    left join shape_default as d on d.year = i.year and d.shape_code = i.shape_code and d.month = i.month

),

all_outlooks as (

    select
        o.period, o.year, o.month, o.target_code, o.target_name, o.subject_kind, o.subject_code, o.subject_name,
        o.unit,
        o.shape_code,
        o.target,
        o.actual,
        o.year_share,
        o.shape_source,
        case when o.month <= 2 or o.actual is null then null
             when o.unit = '%' or o.shape_code = 'stock' then o.actual
             when o.year_share > 0 then o.actual / o.year_share end       as projected,
        case when o.month <= 2 or o.actual is null then null
             when o.unit = '%' then '累计增速延续'
             when o.shape_code = 'stock' then '按目前已有项目计(不含此后新增)'
             when o.year_share > 0 then '已完成÷季节进度' end               as projection_method,
        case when o.month = 12 or o.actual is null or o.target is null or o.shape_code = 'stock' then null
             when o.unit = '%' and o.year_share < 1
                 then ((1 + o.target / 100) - (1 + o.actual / 100) * o.year_share) / (1 - o.year_share) * 100 - 100
             when o.unit = '亿元' and o.last_year_full_wan > o.last_year_same_wan
                 then (o.target * 10000 - o.amount_wan) / (o.last_year_full_wan - o.last_year_same_wan) * 100 - 100
        end                                                               as needed_growth_pct,
        case when o.month = 12 or o.amount_wan is null or o.target is null or o.shape_code = 'stock' then null
             when o.unit = '%'
                 then (coalesce(o.last_year_full_wan, o.last_year_same_wan / o.year_share) * (1 + o.target / 100)
                       - o.amount_wan) / (12 - o.month)
             else (o.target * 10000 - o.amount_wan) / (12 - o.month) end  as needed_monthly_wan,
        case when o.shape_code <> 'stock' then o.amount_wan / o.month end as pace_so_far_wan
    from shaped as o

),

judge as (

    select
        o.*,
        ru.outlook_within_reach_pp,
        ru.outlook_within_reach_share,
        case
            when o.actual is null or o.target is null then null
            when o.unit <> '%' and o.actual >= o.target then '已达标'
            when o.month = 12 and o.actual >= o.target then '已达标'
            when o.month = 12 then '未完成'
            when o.projected is null or ru.outlook_within_reach_pp is null then null
            when o.projected >= o.target then '有望完成'
            when o.unit = '%' and o.projected >= o.target - ru.outlook_within_reach_pp then '需加快'
            when o.unit <> '%' and o.projected >= o.target * ru.outlook_within_reach_share then '需加快'
            else '难以完成'
        end                                                               as status,
        case when o.month = 6 then '下半年' else '余下' || (12 - o.month) || '个月' end as remaining,
        -- 亿元 from one 亿 up, else 万元: a small unit's pace reads as an amount, not as 0.00亿元
        case when abs(o.needed_monthly_wan) >= 10000 then format_number(o.needed_monthly_wan / 10000, 2) || '亿元'
             else format_number(o.needed_monthly_wan, 1) || '万元' end                    as needed_monthly_text,
        ty.year is not null                                               as year_has_targets,
        -- an amount or a count with its unit: counts whole, amounts with two decimals
        format_number(o.actual, case when o.unit = '个' then 0 else 2 end) || o.unit      as actual_text,
        format_number(o.target, case when o.unit = '个' then 0 else 2 end) || o.unit      as target_text
    from all_outlooks as o
    left join rules as ru on ru.year = o.year
    left join ref_target_years as ty on ty.year = o.year

),

final as (

    select
        j.period,
        j.year,
        j.month,
        j.target_code,
        j.target_name,
        j.subject_kind,
        j.subject_code,
        j.subject_name,
        j.unit,
        j.target,
        cast(round(j.actual, 2) as double)                                as actual,
        cast(round(j.year_share, 4) as double)                            as year_share,
        j.shape_source,
        cast(round(j.projected, 2) as double)                             as projected,
        j.projection_method,
        cast(round(j.projected - j.target, 2) as double)                  as projected_gap,
        cast(round(j.needed_growth_pct, 1) as double)                     as needed_growth_pct,
        cast(round(j.needed_monthly_wan, 1) as double)                    as needed_monthly_wan,
        cast(round(j.pace_so_far_wan, 1) as double)                       as pace_so_far_wan,
        j.status,
        case
            when j.actual is null and j.target_code = 'key_project_completed'
                then '重点项目均未填报累计完成投资,无法测算'
            when j.actual is null and j.target_code not in ('fai_growth', 'sector_growth')
                then '本期无实际值(原因见 gold.city_kpis 的 actual_note),无法测算'
            when j.actual is null then '本期未报送' || j.subject_name || '的累计增速,无法测算'
            when not j.year_has_targets
                then j.year || '年未配置目标(缺少 config/targets/' || j.year || '.yaml),无法测算'
            when j.target is null then j.year || '年目标中没有' || j.subject_name || '的' || j.target_name || '目标'
            when j.status in ('已达标', '未完成') then null
            when j.month = 1 then '仅有1月数据,暂不作全年测算'
            when j.month = 2 then '仅有1-2月数据,暂不作全年测算'
            when j.year_share is null and j.shape_code <> 'stock' then j.year || '年既无上年数据,也未配置默认季节分布(rules.outlook.default_shape),无法测算'
            when j.outlook_within_reach_pp is null then j.year || '年未配置测算规则(rules.outlook),只给测算值,不判断状态'
        end                                                               as note,
        -- the sentence a leader reads (bulletin, dashboard)
        case
            when j.actual is null or j.target is null then null
            when j.status = '已达标' and j.unit = '%' then
                j.subject_name || '全年' || j.target_name || format_number(j.actual, 1) || '%,达到目标('
                || format_number(j.target, 1) || '%)。'
            when j.status = '未完成' and j.unit = '%' then
                j.subject_name || '全年' || j.target_name || format_number(j.actual, 1) || '%,低于目标('
                || format_number(j.target, 1) || '%)' || format_number(j.target - j.actual, 1) || '个百分点,未完成。'
            when j.status = '已达标' then
                j.subject_name || j.target_name || j.actual_text || ',已达到全年目标(' || j.target_text || ')。'
            when j.status = '未完成' then
                j.subject_name || '全年' || j.target_name || j.actual_text || ',为目标(' || j.target_text || ')的'
                || format_number(j.actual / j.target * 100, 1) || '%,未完成。'
            when j.projected is null then null
            when j.shape_code = 'stock' then
                j.subject_name || j.target_name || '目前' || j.actual_text || ',为目标(' || j.target_text || ')的'
                || format_number(j.actual / j.target * 100, 1) || '%(按目前已有项目计)' || coalesce(',' || j.status, '') || '。'
            when j.unit = '%' then
                j.subject_name || '1-' || j.month || '月' || j.target_name || format_number(j.actual, 1)
                || '%,按目前进度测算,全年预计增长' || format_number(j.projected, 1) || '%,'
                || case when j.projected >= j.target
                        then '不低于目标(' || format_number(j.target, 1) || '%)'
                        else '低于目标(' || format_number(j.target, 1) || '%)'
                             || format_number(j.target - j.projected, 1) || '个百分点' end
                || case when j.needed_growth_pct is null then ''
                        when j.needed_growth_pct < 0
                        then ';' || j.remaining || '比上年同期下降不超过' || format_number(-j.needed_growth_pct, 1)
                             || '%即可完成目标'
                        else ';完成目标需' || j.remaining || '比上年同期增长' || format_number(j.needed_growth_pct, 1) || '%'
                   end
                || case when j.needed_growth_pct is not null and j.needed_monthly_wan > 0
                        then ',月均完成投资' || j.needed_monthly_text else '' end
                || coalesce('(按' || case when j.shape_source = '上年实际' then '上年实际进度'
                                         else j.shape_source end || ')', '')
                || coalesce(',' || j.status, '') || '。'
            else
                j.subject_name || '1-' || j.month || '月' || j.target_name || format_number(j.actual, 2)
                || '亿元,按' || case when j.shape_source = '上年实际' then '上年同期进度' else '默认季节分布' end
                || '测算,全年预计完成' || format_number(j.projected, 2) || '亿元,为目标('
                || format_number(j.target, 2) || '亿元)的' || format_number(j.projected / j.target * 100, 1) || '%'
                || ';完成目标需' || j.remaining || '月均完成' || j.needed_monthly_text
                || coalesce(',' || j.status, '') || '。'
        end                                                               as sentence
    from judge as j

)

select * from final
