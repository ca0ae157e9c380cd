package org.investlake.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.investlake.SparkTest;
import org.investlake.serve.AnalystWarehouse;
import org.investlake.storage.Warehouse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The April bulletin of the shared analyst warehouse ({@link AnalystWarehouse}), where the city is below target,
 * rendered without being recorded (the warehouse is only read).
 *
 * <pre>
 * 1-4月 (corrected)  桃城区 9.5 (7.5)  冀州区 −2.0 (7.0)  武强县 6.0 (8.0)  景县 7.2 (7.0)  全市 5.6 (7.0); 1-3月 全市 4.3
 * </pre>
 * By hand: 全市 5.6 − 7.0 = −1.4 under target, 5.6 − 4.3 = +1.3 on March; top three 桃城区, 景县, 武强县; 2 units meet
 * the target (桃城区, 景县), 2 do not; no unit fell 3 points (景县 7.2 − 8.5 = −1.3); 冀州区 sits 9.0 points under
 * target (drop alert for being ≥ 3 under). Bonds: B1 桃城区 started, B2 景县 not: 1 of 2, 50.0%; completed
 * (2000 + 300) / plan (8000 + 4000) = 19.2%; spent (3000 + 500) / issued (12000 + 5000) = 20.6%; 序时进度 4/12 = 33.3%.
 */
class BulletinBelowTargetTest extends SparkTest {
    @Test
    void belowTargetWording() {
        Path shared = AnalystWarehouse.shared(SparkTest::warehouse);
        Warehouse w = warehouse(shared);
        Bulletins.Rendered r = Bulletins.render(
                w, "2023-04", BulletinData.currentVersions(w), "2023-04-test", Instant.parse("2023-05-10T02:00:00Z"));
        Document d = Jsoup.parse(r.html());
        assertThat(d.selectFirst("h1").text()).isEqualTo("2023年1-4月全市抓投资上项目工作通报");
        assertThat(d.select("#missing")).isEmpty();
        List<String> p = d.select("#summary p.commentary").eachText();
        assertThat(p.get(0))
                .startsWith(
                        "1-4月,全市固定资产投资同比增长5.6%,低于目标1.4个百分点,增速较上月提高1.3个百分点。" + "桃城区、景县、武强县增速居前三位。2个县市区增速达到目标,2个低于目标。")
                .endsWith("冀州区增速低于目标9.0个百分点。")
                .doesNotContain("回落");
        assertThat(p).contains("全市专项债券项目2个,已开工1个,开工率50.0%;投资完成率19.2%(序时进度33.3%),债券资金支出率20.6%。");
        assertThat(d.selectFirst(".meta time").text()).isEqualTo("2023年5月10日 10:00");
    }
}
