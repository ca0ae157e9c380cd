package org.investlake.storage;

import java.util.List;

/** Two small documented tables for the version tests, written through TableStore like real loads. */
final class DemoTables {
    private DemoTables() {}

    /** silver.demo: one row per region code, with a value. */
    static final TableDoc VALUES = new TableDoc(
            "silver",
            "demo",
            "测试表",
            "one row per code",
            List.of(),
            List.of(),
            false,
            List.of(
                    new TableDoc.Column("code", "代码", "region code", "STRING"),
                    new TableDoc.Column("value", "值", "a value", "INT")));

    /** ops.demo_log: one row per load. */
    static final TableDoc LOG = new TableDoc(
            "ops",
            "demo_log",
            "测试日志",
            "one row per load",
            List.of(),
            List.of(),
            false,
            List.of(
                    new TableDoc.Column("load_id", "批次号", "the load", "STRING"),
                    new TableDoc.Column("rows", "行数", "rows loaded", "INT")));

    /** ops.demo_new: a table that only a failing load creates. */
    static final TableDoc CREATED =
            new TableDoc("ops", "demo_new", "新表", "one row per load", List.of(), List.of(), false, LOG.columns());

    static String note(String loadId) {
        return "load_id=" + loadId + "; file=" + loadId + ".csv; test";
    }
}
