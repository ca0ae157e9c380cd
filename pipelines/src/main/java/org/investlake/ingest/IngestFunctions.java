package org.investlake.ingest;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.investlake.reference.Labels;

/**
 * The parsing rules of docs/contract.md "Feeds" as Spark SQL functions, so sql/silver reads like the contract and
 * there is one implementation of each rule ({@link Numbers}, {@link Periods}, {@link Labels}).
 */
public final class IngestFunctions {
    private IngestFunctions() {}

    public static void register(SparkSession spark) {
        spark.udf().register("il_amount", (UDF1<String, Double>) Numbers::amountOrNull, DataTypes.DoubleType);
        spark.udf()
                .register("il_amount_invalid", (UDF1<String, Boolean>) Numbers::amountInvalid, DataTypes.BooleanType);
        spark.udf().register("il_growth", (UDF1<String, Double>) Numbers::growthOrNull, DataTypes.DoubleType);
        spark.udf()
                .register("il_growth_invalid", (UDF1<String, Boolean>) Numbers::growthInvalid, DataTypes.BooleanType);
        spark.udf().register("il_period", (UDF1<String, String>) Periods::parseToString, DataTypes.StringType);
        spark.udf().register("il_date", (UDF1<String, String>) Periods::dateToString, DataTypes.StringType);
        spark.udf().register("il_flag", (UDF1<String, Boolean>) Flags::parse, DataTypes.BooleanType);
        spark.udf().register("il_flag_invalid", (UDF1<String, Boolean>) Flags::invalid, DataTypes.BooleanType);
        spark.udf().register("il_fold", (UDF1<String, String>) Labels::fold, DataTypes.StringType);
        spark.udf().register("il_label", (UDF1<String, String>) Labels::rowLabel, DataTypes.StringType);
    }
}
