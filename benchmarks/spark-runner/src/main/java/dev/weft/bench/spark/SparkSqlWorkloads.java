package dev.weft.bench.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sum;

import dev.weft.bench.RunnerArgs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Parquet workloads with Spark's DataFrame API; the optimizer prunes the columns, pushes the
 * age filter into the Parquet scan and broadcasts the small countries table for the join.
 */
final class SparkSqlWorkloads {
  private SparkSqlWorkloads() {}

  /** Customers older than 25, sum of sales per country; writes {@code country<TAB>sum}. */
  static void etl(SparkSession spark, RunnerArgs args) {
    spark
        .read()
        .parquet(args.input("customers"))
        .filter(col("age").gt(25))
        .groupBy("country")
        .agg(sum("sales").as("total"))
        .select(concat_ws("\t", col("country"), col("total").cast("string")))
        .write()
        .text(args.output());
  }

  /**
   * {@link #etl}'s customers joined with the countries on {@code country = code}, sum of sales per
   * country name; writes {@code name<TAB>sum}.
   */
  static void etlJoin(SparkSession spark, RunnerArgs args) {
    Dataset<Row> customers =
        spark.read().parquet(args.input("customers")).filter(col("age").gt(25));
    Dataset<Row> countries = spark.read().parquet(args.input("countries"));
    customers
        .join(countries, customers.col("country").equalTo(countries.col("code")))
        // both tables have a "name" column: group by the country's
        .groupBy(countries.col("name"))
        .agg(sum(customers.col("sales")).as("total"))
        .select(concat_ws("\t", col("name"), col("total").cast("string")))
        .write()
        .text(args.output());
  }
}
