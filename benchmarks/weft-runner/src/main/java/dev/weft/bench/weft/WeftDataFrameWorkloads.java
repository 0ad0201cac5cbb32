package dev.weft.bench.weft;

import static dev.weft.sql.functions.avg;
import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.concat_ws;
import static dev.weft.sql.functions.count;
import static dev.weft.sql.functions.lit;
import static dev.weft.sql.functions.sum;

import dev.weft.bench.LineItemQuery;
import dev.weft.bench.RunnerArgs;
import dev.weft.sql.Column;
import dev.weft.sql.DataFrame;
import dev.weft.sql.WeftSession;

/**
 * The Parquet workloads with Weft's DataFrame API, the same queries as Spark's runner writes in
 * Spark's DataFrames. Results are written as text part files: Weft's DataFrame writer has no text
 * format yet, so the one string column goes through {@code toDataset()} and {@code saveAsTextFile}.
 */
final class WeftDataFrameWorkloads {
  private WeftDataFrameWorkloads() {}

  /** Customers older than 25, sum of sales per country; writes {@code country<TAB>sum}. */
  static void etl(WeftSession weft, RunnerArgs args) {
    DataFrame totals =
        weft.read()
            .parquet(args.input("customers"))
            .filter(col("age").gt(25))
            .groupBy("country")
            .agg(sum("sales").as("total"));
    saveLines(totals.select(concat_ws("\t", col("country"), col("total").cast("string"))), args);
  }

  /**
   * {@link #etl}'s customers joined with the countries on {@code country = code}, sum of sales per
   * country name; writes {@code name<TAB>sum}.
   */
  static void etlJoin(WeftSession weft, RunnerArgs args) {
    DataFrame customers = weft.read().parquet(args.input("customers")).filter(col("age").gt(25));
    DataFrame countries = weft.read().parquet(args.input("countries"));
    DataFrame totals =
        customers
            .join(countries, customers.col("country").equalTo(countries.col("code")))
            // both tables have a "name" column: group by the country's
            .groupBy(countries.col("name"))
            .agg(sum(customers.col("sales")).as("total"));
    saveLines(totals.select(concat_ws("\t", col("name"), col("total").cast("string"))), args);
  }

  /** {@link LineItemQuery} over {@code lineitem/}; writes its ten values tab-separated. */
  static void lineItem(WeftSession weft, RunnerArgs args) {
    Column discounted = col("l_extendedprice").multiply(lit(1).minus(col("l_discount")));
    DataFrame q1 =
        weft.read()
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
    saveLines(q1.select(concat_ws("\t", fields)), args);
  }

  /** Saves a one-string-column DataFrame as text lines. */
  private static void saveLines(DataFrame lines, RunnerArgs args) {
    lines.toDataset().map(r -> r.getString(0)).saveAsTextFile(args.output());
  }
}
