package org.investlake.ingest;

import java.nio.file.Path;
import org.investlake.TestFiles;

/**
 * The hand-made stats fixture: three units and 全市 over two periods, with every growth checked by
 * hand against its amounts (ratio − 1, one decimal):
 *
 * <pre>
 * 1-2月  桃城区 10800/10000 = +8.0   冀州区 5300/5000 = +6.0   武强县 4120/4000 = +3.0   全市 20220/19000 = +6.42 → 6.4
 * 1-3月  桃城区 16500/15000 = +10.0  冀州区 7440/8000 = −7.0   武强县 6300/6000 = +5.0   全市 30240/29000 = +4.28 → 4.3
 * </pre>
 * The 1-2月 file says the headers one way (县市区, 本年累计(万元), 累计增速(%)) with thousands separators;
 * the 1-3月 file another (地区, 累计完成, 同比增长(%)) and writes −7.0 as 下降7.0.
 */
public final class StatsFixture {
    private StatsFixture() {}

    public static Path february(Path dir) {
        return TestFiles.utf8(
                dir,
                "2023年1-2月各县市区固定资产投资.csv",
                "2023年1-2月各县市区固定资产投资完成情况,,,",
                "单位:万元,,,",
                "县市区,本年累计(万元),上年同期,累计增速(%)",
                "桃城区,\"10,800\",10000,8.0",
                "冀州区,5300,5000,6.0",
                "武强县,4120,4000,3.0",
                "全市,\"20,220\",19000,6.4",
                "注:1-2月数据合并发布。,,,");
    }

    public static Path march(Path dir) {
        return TestFiles.utf8(
                dir,
                "2023年1-3月各县市区固定资产投资.csv",
                "2023年1-3月各县市区固定资产投资完成情况",
                "单位:万元",
                "地区,累计完成,上年同期累计,同比增长(%)",
                "桃城区,16500,15000,10.0",
                "冀州区,7440,8000,下降7.0",
                "武强县,6300,6000,5.0",
                "",
                "全市,30240,29000,4.3");
    }

    /**
     * City-wide by sector, 1-3月, no region column: 工业 +9.1, 其中:工业技术改造 "1.5倍" = +150,
     * 交通运输 下降2.0 = −2.0, 其中:民间投资 −0.5 (no target).
     */
    public static Path marchBySector(Path dir) {
        return TestFiles.utf8(
                dir,
                "2023年1-3月全市分行业固定资产投资.csv",
                "2023年1-3月全市分行业固定资产投资情况",
                "行业领域,同比增长(%)",
                "固定资产投资,4.3",
                "工业,9.1",
                "  其中：工业技术改造,1.5倍",
                "交通运输,下降2.0",
                "  其中：民间投资,-0.5");
    }
}
