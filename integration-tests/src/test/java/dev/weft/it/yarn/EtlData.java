package dev.weft.it.yarn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * The input of the {@code ParquetEtl} example written straight to HDFS with parquet-avro, in the
 * layout Spark and Hive use (orders in {@code date=YYYY-MM-DD} directories, one file per day), and
 * the result expected from it, computed here.
 *
 * <p>Orders: ids 0..2399 over six days 2024-01-01..06 ({@code id % 6}), store {@code id % 7},
 * amount {@code 100 + id} cents, every fifth order cancelled. Stores 0..6 in regions north, south,
 * east ({@code store % 3}).
 */
final class EtlData {
  static final int DAYS = 6;
  private static final int ORDERS = 2400;
  private static final int STORES = 7;
  private static final String[] REGIONS = {"north", "south", "east"};

  private static final Schema ORDER =
      SchemaBuilder.record("order")
          .fields()
          .requiredLong("order_id")
          .requiredInt("store_id")
          .requiredLong("amount_cents")
          .requiredString("status")
          .endRecord();
  private static final Schema STORE =
      SchemaBuilder.record("store")
          .fields()
          .requiredInt("store_id")
          .requiredString("region")
          .endRecord();

  private final long ordersBytes;

  private EtlData(long ordersBytes) {
    this.ordersBytes = ordersBytes;
  }

  /** Writes the orders and stores tables under the given HDFS paths. */
  static EtlData write(FileSystem fs, String orders, String stores) throws IOException {
    long bytes = 0;
    for (int day = 1; day <= DAYS; day++) {
      Path file = new Path(orders + "/date=" + date(day) + "/part-00000.parquet");
      try (ParquetWriter<GenericRecord> w = writer(fs, file, ORDER)) {
        for (long id = day - 1; id < ORDERS; id += DAYS) {
          GenericRecord r = new GenericData.Record(ORDER);
          r.put("order_id", id);
          r.put("store_id", (int) (id % STORES));
          r.put("amount_cents", 100 + id);
          r.put("status", id % 5 == 0 ? "CANCELLED" : "COMPLETE");
          w.write(r);
        }
      }
      bytes += fs.getFileStatus(file).getLen();
    }
    try (ParquetWriter<GenericRecord> w =
        writer(fs, new Path(stores + "/part-00000.parquet"), STORE)) {
      for (int s = 0; s < STORES; s++) {
        GenericRecord r = new GenericData.Record(STORE);
        r.put("store_id", s);
        r.put("region", REGIONS[s % 3]);
        w.write(r);
      }
    }
    return new EtlData(bytes);
  }

  /** The size of the orders table's files. */
  long ordersBytes() {
    return ordersBytes;
  }

  /**
   * What the job writes for days {@code first..last}: {@code date/region -> revenue,orders} of the
   * completed orders.
   */
  Map<String, String> dailyRevenue(int first, int last) {
    Map<String, long[]> sums = new TreeMap<>();
    for (long id = 0; id < ORDERS; id++) {
      int day = (int) (id % DAYS) + 1;
      if (day >= first && day <= last && id % 5 != 0) {
        String region = REGIONS[(int) (id % STORES) % 3];
        long[] s = sums.computeIfAbsent(date(day) + "/" + region, k -> new long[2]);
        s[0] += 100 + id;
        s[1]++;
      }
    }
    Map<String, String> text = new TreeMap<>();
    sums.forEach((k, v) -> text.put(k, v[0] + "," + v[1]));
    return text;
  }

  /** The job's output as {@code date/region -> revenue,orders}, read from every Parquet file. */
  static Map<String, String> readDaily(FileSystem fs, String dir) throws IOException {
    Map<String, String> text = new TreeMap<>();
    for (FileStatus day : fs.listStatus(new Path(dir), p -> p.getName().startsWith("date="))) {
      String date = day.getPath().getName().substring("date=".length());
      for (FileStatus file : fs.listStatus(day.getPath(), p -> p.getName().endsWith(".parquet"))) {
        try (ParquetReader<GenericRecord> r =
            AvroParquetReader.<GenericRecord>builder(
                    HadoopInputFile.fromPath(file.getPath(), fs.getConf()))
                .build()) {
          for (GenericRecord g = r.read(); g != null; g = r.read()) {
            String key = date + "/" + g.get("region");
            String old = text.put(key, g.get("revenue_cents") + "," + g.get("orders"));
            if (old != null) {
              throw new AssertionError(key + " written twice");
            }
          }
        }
      }
    }
    return text;
  }

  static String readText(FileSystem fs, String path) throws IOException {
    try (InputStream in = fs.open(new Path(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String date(int day) {
    return String.format("2024-01-%02d", day);
  }

  private static ParquetWriter<GenericRecord> writer(FileSystem fs, Path file, Schema schema)
      throws IOException {
    return AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(file, fs.getConf()))
        .withSchema(schema)
        .build();
  }
}
