package dev.weft.examples;

import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.count;
import static dev.weft.sql.functions.lit;
import static dev.weft.sql.functions.sum;

import dev.weft.sql.DataFrame;
import dev.weft.sql.WeftSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A daily-revenue ETL in the DataFrame API: reads a fact table of orders stored as Parquet in
 * {@code date=YYYY-MM-DD} directories, keeps the completed orders of a range of days, joins the
 * small table of stores (a broadcast hash join, chosen by size), sums revenue and counts orders per
 * day and region, and writes the result as Parquet partitioned by {@code date}. The write is a
 * dynamic partition overwrite: re-running the job for some days replaces those days' directories
 * and keeps every other day already in the output.
 *
 * <pre>
 * orders:  order_id bigint, store_id int, amount_cents bigint, status string  (+ date=... dirs)
 * stores:  store_id int, region string
 * output:  region string, revenue_cents bigint, orders bigint                 (+ date=... dirs)
 * </pre>
 *
 * <p>It prints the physical plan ({@code explain()}): the scan of the orders shows the day range as
 * {@code PartitionFilters} (only those days' directories are read) and the status test as {@code
 * PushedFilters}; the join is a {@code BroadcastHashJoin}. With a sixth argument it also writes the
 * plan to that file (any Hadoop file system), e.g. for a scheduler's records.
 *
 * <pre>
 * bin/yarn-submit --class dev.weft.examples.ParquetEtl weft-examples.jar \
 *     /warehouse/orders /warehouse/stores /marts/daily_revenue 2024-01-02 2024-01-03
 * </pre>
 */
public final class ParquetEtl {
  private ParquetEtl() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 5 && args.length != 6) {
      System.err.println(
          "Usage: ParquetEtl <orders path> <stores path> <output path> <first day> <last day>"
              + " [plan file]");
      System.exit(2);
    }
    LocalDate first = day(args[3]);
    LocalDate last = day(args[4]);
    try (WeftSession weft = WeftSession.builder().appName("ParquetEtl").getOrCreate()) {
      DataFrame orders = weft.read().parquet(args[0]);
      DataFrame stores = weft.read().parquet(args[1]);

      DataFrame daily =
          orders
              .where(col("date").between(lit(first), lit(last)))
              .where(col("status").equalTo("COMPLETE"))
              .join(stores, "store_id")
              .groupBy("date", "region")
              .agg(sum("amount_cents").as("revenue_cents"), count("*").as("orders"));

      String plan = daily.explainString("simple");
      System.out.print(plan);
      if (args.length == 6) {
        writePlan(args[5], plan);
      }

      daily
          .write()
          .mode("overwrite")
          .option("partitionOverwriteMode", "dynamic")
          .partitionBy("date")
          .parquet(args[2]);
    }
  }

  private static LocalDate day(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      System.err.println("Not a day (expected YYYY-MM-DD): '" + text + "'");
      System.exit(2);
      return null;
    }
  }

  private static void writePlan(String file, String plan) throws IOException {
    Path path = new Path(file);
    FileSystem fs = path.getFileSystem(new Configuration());
    try (OutputStream out = fs.create(path, true)) {
      out.write(plan.getBytes(StandardCharsets.UTF_8));
    }
  }
}
