package org.investlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.investlake.quality.FeedSchema;
import org.junit.jupiter.api.Test;

/** Deliveries folded in order give what merging them into silver one by one gives (hand-worked). */
class DeliveryFoldTest {
    private static final StructType STATS =
            StructType.fromDDL("period STRING, region_code STRING, sector_code STRING, ytd_amount_wan DOUBLE, "
                    + "ytd_growth_pct DOUBLE, source_file STRING");
    private static final StructType PROJECTS =
            StructType.fromDDL("period STRING, project_code STRING, completed_ytd_wan DOUBLE, source_file STRING");

    private static DeliveryFold.Kept kept(StructType schema, Row... rows) {
        return new DeliveryFold.Kept(schema, List.of(rows));
    }

    @Test
    void statsKeepTheLatestValueEachColumnWasGiven() {
        // a.csv gives 桃城区 06 both figures; b.csv corrects the growth and leaves the amount empty; c.csv has only 冀州区
        DeliveryFold.Kept folded = DeliveryFold.fold(
                FeedSchema.load("stats"),
                List.of(
                        kept(STATS, RowFactory.create("2023-06", "131102", "all", 100.0, 7.1, "a.csv")),
                        kept(STATS, RowFactory.create("2023-06", "131102", "all", null, 7.4, "b.csv")),
                        kept(STATS, RowFactory.create("2023-06", "131103", "all", 50.0, null, "c.csv"))));
        // 桃城区: amount 100.0 from a.csv (b.csv left it empty), growth 7.4 and source b.csv from b.csv
        assertThat(folded.rows())
                .containsExactlyInAnyOrder(
                        RowFactory.create("2023-06", "131102", "all", 100.0, 7.4, "b.csv"),
                        RowFactory.create("2023-06", "131103", "all", 50.0, null, "c.csv"));
        assertThat(folded.schema()).isEqualTo(STATS);
    }

    @Test
    void aSnapshotFeedKeepsEachMonthFromTheLastFileThatDeliveredIt() {
        // a.csv: May (P1, P2) and June (P1); b.csv re-delivers June with P2 only; c.csv delivers July
        DeliveryFold.Kept folded = DeliveryFold.fold(
                FeedSchema.load("projects"),
                List.of(
                        kept(
                                PROJECTS,
                                RowFactory.create("2023-05", "P1", 10.0, "a.csv"),
                                RowFactory.create("2023-05", "P2", 20.0, "a.csv"),
                                RowFactory.create("2023-06", "P1", 11.0, "a.csv")),
                        kept(PROJECTS, RowFactory.create("2023-06", "P2", 22.0, "b.csv")),
                        kept(PROJECTS, RowFactory.create("2023-07", "P1", 12.0, "c.csv"))));
        // June's P1 is gone: b.csv's June replaces a.csv's whole June
        assertThat(folded.rows())
                .containsExactlyInAnyOrder(
                        RowFactory.create("2023-05", "P1", 10.0, "a.csv"),
                        RowFactory.create("2023-05", "P2", 20.0, "a.csv"),
                        RowFactory.create("2023-06", "P2", 22.0, "b.csv"),
                        RowFactory.create("2023-07", "P1", 12.0, "c.csv"));
    }

    @Test
    void oneDeliveryIsItself() {
        DeliveryFold.Kept one = kept(PROJECTS, RowFactory.create("2023-05", "P1", 10.0, "a.csv"));
        assertThat(DeliveryFold.fold(FeedSchema.load("projects"), List.of(one))).isSameAs(one);
    }
}
