package org.investlake.sample;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.investlake.reference.Region;

/**
 * Plausible project names, leaders and responsible units for a sector and a place. Words only: the
 * sectors and places themselves come from the reference data. Names need not be unique (real lists
 * repeat 老旧小区改造 in every county); the project code is the key.
 */
final class ProjectNames {
    private static final List<String> FIRMS = List.of(
            "华瑞", "宏达", "冀衡", "恒信", "泰华", "金鼎", "丰源", "中元", "顺通", "博远", "瑞丰", "安泰", "鑫盛", "众诚", "天元", "德润", "嘉禾", "永兴",
            "汇通", "正大");
    private static final List<String> PRODUCTS = List.of(
            "高端橡胶制品",
            "新能源汽车零部件",
            "智能装备制造",
            "玻璃钢管道",
            "丝网制品",
            "功能性膜材料",
            "精密铸件",
            "环保装备",
            "生物医药中间体",
            "智能家居",
            "碳纤维复合材料",
            "冷链食品加工",
            "光伏支架",
            "电力金具",
            "工程橡胶");
    private static final List<String> RIVERS = List.of("滏阳河", "滹沱河", "清凉江", "索泸河", "江江河", "老盐河");
    private static final Map<String, List<String>> PATTERNS = Map.ofEntries(
            Map.entry("agriculture", List.of("{p}{k}万亩高标准农田建设项目", "{p}现代农业产业园项目", "{f}{k}万头生猪养殖项目", "{p}设施蔬菜基地建设项目")),
            Map.entry("industry", List.of("{f}年产{n}万件{g}项目", "{p}{f}{g}产业园项目", "{f}{g}生产线建设项目")),
            Map.entry("industry_techrenov", List.of("{f}{g}智能化技术改造项目", "{f}{g}生产线升级改造项目")),
            Map.entry("transport", List.of("{p}至{q}公路改建工程", "国道G{n}{p}段改建工程", "{p}物流园区道路工程", "{p}客运枢纽建设项目")),
            Map.entry("water", List.of("{p}{r}综合治理工程", "{p}城乡供水一体化工程", "{p}引江水厂配套工程")),
            Map.entry("energy", List.of("{p}{n}MW光伏发电项目", "{p}{n}MW风电项目", "{p}天然气管网工程", "{p}储能电站项目")),
            Map.entry("municipal", List.of("{p}城区雨污分流改造工程", "{p}老旧小区改造项目", "{p}集中供热管网工程", "{p}污水处理厂提标改造工程")),
            Map.entry("real_estate", List.of("{p}{f}·{h}住宅小区项目", "{p}{f}城市综合体项目", "{p}保障性租赁住房项目")),
            Map.entry("education", List.of("{p}第{k}中学新建项目", "{p}职业教育中心建设项目", "{p}实验小学改扩建项目")),
            Map.entry("culture_tourism", List.of("{p}滨水文旅融合项目", "{p}古城保护利用项目", "{p}全民健身中心项目")),
            Map.entry("health", List.of("{p}人民医院新院区建设项目", "{p}中医医院改扩建项目", "{p}疾控中心建设项目")));
    private static final List<String> GENERIC = List.of("{p}{f}产业园基础设施项目", "{p}综合服务中心建设项目");
    private static final List<String> HOMES = List.of("锦绣", "御园", "湖畔", "和园", "学府", "澜庭");
    private static final List<String> BOND_WORKS = List.of(
            "老旧小区改造",
            "产业园区基础设施",
            "城乡供水一体化",
            "污水处理厂提标改造",
            "县医院医疗综合楼",
            "职教中心实训基地",
            "冷链物流园",
            "保障性租赁住房",
            "农村供暖气代煤配套",
            "智慧停车场",
            "城市燃气管网改造",
            "高标准农田");
    private static final Map<String, String> DEPARTMENTS = Map.ofEntries(
            Map.entry("agriculture", "市农业农村局"),
            Map.entry("industry", "市工业和信息化局"),
            Map.entry("industry_techrenov", "市工业和信息化局"),
            Map.entry("transport", "市交通运输局"),
            Map.entry("water", "市水利局"),
            Map.entry("energy", "市发展改革委"),
            Map.entry("municipal", "市住房城乡建设局"),
            Map.entry("real_estate", "市住房城乡建设局"),
            Map.entry("education", "市教育局"),
            Map.entry("culture_tourism", "市文化广电和旅游局"),
            Map.entry("health", "市卫生健康委"));
    private static final List<String> CITY_LEADERS = List.of("张副市长", "李副市长", "王副市长", "赵副市长", "刘副市长", "陈副市长");
    private static final List<String> SURNAMES = List.of("张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴");

    private ProjectNames() {}

    /** The name a place goes by in project names: its shortest alias, or the city for 市本级. */
    static String place(Region r, String city) {
        if (r.kind() != Region.Kind.UNIT) {
            return city;
        }
        String best = r.name();
        for (String a : r.aliases()) {
            if (a.length() >= 2 && a.length() < best.length()) {
                best = a;
            }
        }
        return best;
    }

    static String project(String sectorCode, String place, String otherPlace, RandomGenerator rnd) {
        List<String> patterns = PATTERNS.getOrDefault(sectorCode, GENERIC);
        String p = patterns.get(rnd.nextInt(patterns.size()));
        return p.replace("{p}", place)
                .replace("{q}", otherPlace)
                .replace("{f}", FIRMS.get(rnd.nextInt(FIRMS.size())))
                .replace("{g}", PRODUCTS.get(rnd.nextInt(PRODUCTS.size())))
                .replace("{r}", RIVERS.get(rnd.nextInt(RIVERS.size())))
                .replace("{h}", HOMES.get(rnd.nextInt(HOMES.size())))
                .replace("{n}", Integer.toString(2 + rnd.nextInt(98)))
                .replace("{k}", Integer.toString(2 + rnd.nextInt(9)));
    }

    static String bond(String place, RandomGenerator rnd) {
        return place + BOND_WORKS.get(rnd.nextInt(BOND_WORKS.size())) + "项目";
    }

    /** The city department in charge of a sector; 发展改革委 for anything else. */
    static String department(String sectorCode) {
        return DEPARTMENTS.getOrDefault(sectorCode, "市发展改革委");
    }

    /** A key project is 包联 by a vice mayor; each vice mayor keeps a few sectors. */
    static String cityLeader(int sectorIndex) {
        return CITY_LEADERS.get(sectorIndex % CITY_LEADERS.size());
    }

    /** Other projects are 包联 by a county leader: 副县长, 副区长 or (in a county-level city) 副市长. */
    static String countyLeader(Region r, RandomGenerator rnd) {
        String name = r.name();
        String title = r.kind() != Region.Kind.UNIT || name.endsWith("市") ? "副市长" : name.endsWith("县") ? "副县长" : "副区长";
        return SURNAMES.get(rnd.nextInt(SURNAMES.size())) + title;
    }

    /** A county's own development and reform bureau. */
    static String countyDepartment(Region r) {
        return r.kind() != Region.Kind.UNIT ? "市发展改革委" : r.name() + "发展和改革局";
    }
}
