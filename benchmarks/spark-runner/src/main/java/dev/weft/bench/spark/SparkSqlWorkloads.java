package dev.weft.bench.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.weft.bench.LineItemQuery;
import dev.weft.bench.RunnerArgs;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Parquet workloads with Spark's DataFrame API; the optimizer prunes the columns, pushes the
 * filters into the Parquet scan and broadcasts the small countries table for the join.
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

  /** {@link LineItemQuery} over {@code lineitem/}; writes its ten values tab-separated. */
  static void lineItem(SparkSession spark, RunnerArgs args) {
    Column discounted = col("l_extendedprice").multiply(lit(1).minus(col("l_discount")));
    Dataset<Row> q1 =
        spark
            .read()
            .parquet(args.input("lineitem"))
            .filter(col("l_shipdate").leq(lit(LineItemQuery.SHIP_DATE_CUTOFF)))
            .groupBy("l_returnflag", "l_linestatus")
            .agg(
                sum("l_quantity").as("sum_qty"),
                sum("l_extendedprice").as("sum_base_price"),
                sum(discounted).as("sum_disc_price"),
                sum(discounted.multiply(lit(1).plus(col("l_tax")))).as("sum_charge"),
                avg("l_quantity").as("avg_qty"),
                avg("l_extendedprice").as("avg_price"),
                avg("l_discount").as("avg_disc"),
                count(lit(1)).as("count_order"))
            .orderBy("l_returnflag", "l_linestatus");
    Column[] fields = new Column[q1.columns().length];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = col(q1.columns()[i]).cast("string");
    }
    q1.select(concat_ws("\t", fields)).write().text(args.output());
  }
}
