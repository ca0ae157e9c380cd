package org.investlake.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The summary's outlook and checks paragraphs from hand-made mart rows (BulletinTest covers a built June). */
class CommentaryOutlookTest {
    private static final String CITY = "131100";

    private static Map<String, Object> outlook(String target, String sentence, String note) {
        Map<String, Object> r = new HashMap<>();
        r.put("target_code", target);
        r.put("subject_code", CITY);
        r.put("sentence", sentence);
        r.put("note", note);
        return r;
    }

    private static BulletinData data(
            String period,
            Map<String, Long> versions,
            List<Map<String, Object>> outlook,
            List<Map<String, Object>> checks) {
        return BulletinData.of(
                "衡水市",
                CITY,
                period,
                versions,
                Map.of("target_outlook", outlook, "consistency_checks", checks),
                Optional.empty());
    }

    private static final Map<String, Long> READ = Map.of("gold.target_outlook", 3L, "gold.consistency_checks", 2L);

    @Test
    void januaryToFebruarySaysOnceWhyThereIsNoProjection() {
        // both 全市 rows carry the mart's 1-2月 note and no sentence: said once
        String early = "仅有1-2月数据,暂不作全年测算";
        BulletinData d = data(
                "2023-02",
                READ,
                List.of(outlook("fai_growth", null, early), outlook("key_project_completed", null, early)),
                List.of());
        assertThat(Commentary.outlook(d)).contains("全年研判:仅有1-2月数据,暂不作全年测算。");
        assertThat(Commentary.checks(d)).contains("数据质量核查:本期各项核查均未发现需要核实的问题。");
    }

    @Test
    void aSentenceWhereThereIsOneAndTheReasonWhereThereIsNot() {
        BulletinData d = data(
                "2023-06",
                READ,
                List.of(
                        outlook("fai_growth", "全市……有望完成。", null),
                        outlook("key_project_completed", null, "重点项目均未填报累计完成投资,无法测算")),
                List.of(Map.of("severity", "高"), Map.of("severity", "中")));
        assertThat(Commentary.outlook(d)).contains("全年研判:全市……有望完成。重点项目均未填报累计完成投资,无法测算。");
        assertThat(Commentary.checks(d)).contains("数据质量核查:本期发现2项需要核实的问题(其中严重1项),详见“十一、数据质量核查”,请统计部门发布前核实。");
    }

    @Test
    void aBulletinRecordedBeforeTheMartsSaysNothingOfThem() {
        BulletinData d = data("2023-06", Map.of("gold.region_growth", 5L), List.of(), List.of());
        assertThat(Commentary.outlook(d)).isEmpty();
        assertThat(Commentary.checks(d)).isEmpty();
        assertThat(BulletinTables.all(d))
                .extracting(ReportTable::sheetName)
                .doesNotContain(BulletinTables.OUTLOOK, BulletinTables.CHECKS);
    }
}
