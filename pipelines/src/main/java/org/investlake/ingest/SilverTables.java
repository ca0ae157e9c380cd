package org.investlake.ingest;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.investlake.quality.FeedSchema;
import org.investlake.quality.RuleEngine;
import org.investlake.storage.SqlFiles;
import org.investlake.storage.TableDoc;
import org.investlake.storage.TableStore;
import org.investlake.storage.Warehouse;

/**
 * Creates every feed's silver table, empty, the first time anything is loaded, so the gold SQL can
 * always read all of them (a city that has not sent bond data yet still gets its scorecard). The
 * schema is whatever the feed's own silver SQL returns, so there is no second definition of it.
 */
final class SilverTables {
    private SilverTables() {}

    static void ensureAll(Warehouse warehouse, TableStore store) {
        for (FeedSchema schema : FeedDetector.knownSchemas()) {
            if (warehouse.exists("silver", schema.feed())) {
                continue;
            }
            FeedViews.register(warehouse, schema);
            warehouse
                    .spark()
                    .createDataFrame(List.<Row>of(), RowStager.stagedSchema(schema))
                    .createOrReplaceTempView(schema.feed() + "_staged");
            TableDoc doc = TableDoc.load("silver", schema.feed());
            Dataset<Row> parsed = RuleEngine.judge(warehouse.spark(), SqlFiles.load("silver", schema.feed()), schema);
            store.ensure(
                    doc,
                    parsed.selectExpr(doc.columns().stream()
                                    .map(TableDoc.Column::name)
                                    .toArray(String[]::new))
                            .schema());
        }
    }
}
