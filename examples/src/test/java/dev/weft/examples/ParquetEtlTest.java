package dev.weft.examples;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.Row;
import dev.weft.sql.RowFactory;
import dev.weft.sql.WeftSession;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.io.File;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The ETL example on the local master: exact daily revenue per region of the days asked for, a plan
 * that prunes partitions and broadcasts the stores, and a re-run that replaces only its own days.
 */
public class ParquetEtlTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final String[] REGIONS = {"north", "south", "east"};

  @Test
  public void computesDailyRevenueOfTheRangeAndRerunsReplaceOnlyTheirDays() throws Exception {
    String orders = tmp.getRoot() + "/orders";
    String stores = tmp.getRoot() + "/stores";
    String out = tmp.getRoot() + "/daily";
    String plan = tmp.getRoot() + "/plan.txt";
    System.setProperty("weft.master", "local[2]");
    System.setProperty("weft.sql.shuffle.partitions", "3");
    try {
      WeftSession weft = WeftSession.builder().getOrCreate();
      List<Row> rows = new ArrayList<>();
      for (long id = 0; id < 600; id++) {
        rows.add(
            RowFactory.create(
                id,
                (int) (id % 6),
                100 + id,
                id % 5 == 0 ? "CANCELLED" : "COMPLETE",
                LocalDate.of(2024, 1, 1 + (int) (id % 5))));
      }
      weft.createDataFrame(
              rows,
              StructType.of(
                  DataTypes.createStructField("order_id", DataTypes.LongType, true),
                  DataTypes.createStructField("store_id", DataTypes.IntegerType, true),
                  DataTypes.createStructField("amount_cents", DataTypes.LongType, true),
                  DataTypes.createStructField("status", DataTypes.StringType, true),
                  DataTypes.createStructField("date", DataTypes.DateType, true)))
          .write()
          .partitionBy("date")
          .parquet(orders);
      List<Row> storeRows = new ArrayList<>();
      for (int s = 0; s < 6; s++) {
        storeRows.add(RowFactory.create(s, REGIONS[s % 3]));
      }
      weft.createDataFrame(
              storeRows,
              StructType.of(
                  DataTypes.createStructField("store_id", DataTypes.IntegerType, true),
                  DataTypes.createStructField("region", DataTypes.StringType, true)))
          .write()
          .parquet(stores);

      ParquetEtl.main(new String[] {orders, stores, out, "2024-01-02", "2024-01-03", plan});
      String printed = Files.readString(new File(plan).toPath());
      assertTrue(printed, printed.contains("BroadcastHashJoin"));
      assertTrue(
          printed, printed.contains("PartitionFilters: [GreaterThanOrEqual(date,2024-01-02)"));
      assertTrue(printed, printed.contains("PushedFilters: [EqualTo(status,COMPLETE)"));
      assertEquals(expected(rows, 2, 3).toString(), actual(out).toString());

      // A re-run for days 3 and 4 replaces day 3, adds day 4, keeps day 2.
      ParquetEtl.main(new String[] {orders, stores, out, "2024-01-03", "2024-01-04"});
      assertEquals(expected(rows, 2, 4).toString(), actual(out).toString());
    } finally {
      System.clearProperty("weft.master");
      System.clearProperty("weft.sql.shuffle.partitions");
    }
  }

  /** {@code date/region -> revenue, orders} of the completed orders of days {@code from..to}. */
  private static TreeMap<String, String> expected(List<Row> orders, int from, int to) {
    TreeMap<String, long[]> sums = new TreeMap<>();
    for (Row r : orders) {
      LocalDate day = (LocalDate) r.get(4);
      if (day.getDayOfMonth() >= from && day.getDayOfMonth() <= to && "COMPLETE".equals(r.get(3))) {
        long[] s = sums.computeIfAbsent(day + "/" + REGIONS[r.getInt(1) % 3], k -> new long[2]);
        s[0] += r.getLong(2);
        s[1]++;
      }
    }
    TreeMap<String, String> text = new TreeMap<>();
    sums.forEach((k, v) -> text.put(k, v[0] + "," + v[1]));
    return text;
  }

  private static TreeMap<String, String> actual(String out) {
    WeftSession weft = WeftSession.builder().getOrCreate();
    TreeMap<String, String> text = new TreeMap<>();
    for (Row r : weft.read().parquet(out).collect()) {
      text.put(r.get(3) + "/" + r.get(0), r.get(1) + "," + r.get(2));
    }
    return text;
  }
}
