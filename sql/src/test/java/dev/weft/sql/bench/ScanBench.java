package dev.weft.sql.bench;

import static dev.weft.sql.functions.avg;
import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.count;
import static dev.weft.sql.functions.lit;
import static dev.weft.sql.functions.sum;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.WeftSession;
import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Not a test: prints rows/s and MB/s of lineitem-like scans + filters + aggregates (the shapes of
 * TPC-H Q1, a grouped aggregate of most rows, and Q6, a selective filter and a global sum) over
 * generated Parquet files, with the vectorized reader (and generated code) on and off.
 *
 * <p>Run after {@code mvn -q -pl sql test-compile}: {@code java -cp
 * sql/target/classes:sql/target/test-classes:<the test classpath> dev.weft.sql.bench.ScanBench
 * 2000000} (rows; default 2,000,000), the classpath from {@code mvn -pl sql
 * dependency:build-classpath}.
 */
public final class ScanBench {
  private static final String SCHEMA =
      "message lineitem {\n"
          + "  required int64 l_orderkey;\n"
          + "  required int64 l_partkey;\n"
          + "  required int32 l_linenumber;\n"
          + "  required int64 l_quantity (DECIMAL(15,2));\n"
          + "  required int64 l_extendedprice (DECIMAL(15,2));\n"
          + "  required int64 l_discount (DECIMAL(15,2));\n"
          + "  required int64 l_tax (DECIMAL(15,2));\n"
          + "  required binary l_returnflag (STRING);\n"
          + "  required binary l_linestatus (STRING);\n"
          + "  required int32 l_shipdate (DATE);\n"
          + "  optional binary l_comment (STRING);\n"
          + "}";

  private ScanBench() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
    File dir = Files.createTempDirectory("weft-scanbench").toFile();
    String path = dir + "/lineitem";
    new File(path).mkdirs();
    int files = 4;
    for (int f = 0; f < files; f++) {
      write(path + "/part-" + f + ".parquet", rows / files, f);
    }
    long bytes = 0;
    for (File f : new File(path).listFiles()) {
      bytes += f.length();
    }
    System.out.printf("lineitem: %,d rows, %,d bytes in %d files%n", rows, bytes, files);
    for (String mode : new String[] {"row", "vectorized", "row", "vectorized"}) {
      boolean vectorized = mode.equals("vectorized");
      WeftContext context =
          new WeftContext(
              new WeftConf(false)
                  .setMaster("local[2]")
                  .setAppName("scan-bench")
                  .set("weft.sql.shuffle.partitions", "2")
                  .set("weft.sql.parquet.enableVectorizedReader", String.valueOf(vectorized)));
      try {
        WeftSession session = WeftSession.of(context);
        DataFrame q1 =
            session
                .read()
                .parquet(path)
                .filter(col("l_shipdate").leq(lit(LocalDate.of(1998, 9, 2))))
                .groupBy("l_returnflag", "l_linestatus")
                .agg(
                    sum("l_quantity"),
                    sum(col("l_extendedprice")),
                    avg("l_discount"),
                    count(lit(1)));
        DataFrame q6 =
            session
                .read()
                .parquet(path)
                .filter(
                    col("l_shipdate")
                        .geq(lit(LocalDate.of(1994, 1, 1)))
                        .and(col("l_shipdate").lt(lit(LocalDate.of(1995, 1, 1))))
                        .and(col("l_discount").geq(lit(new BigDecimal("0.05"))))
                        .and(col("l_discount").leq(lit(new BigDecimal("0.07"))))
                        .and(col("l_quantity").lt(lit(new BigDecimal("24")))))
                .agg(sum(col("l_extendedprice").multiply(col("l_discount"))));
        for (int run = 0; run < 2; run++) {
          for (String name : new String[] {"Q1", "Q6"}) {
            long start = System.nanoTime();
            List<Row> result = (name.equals("Q1") ? q1 : q6).collect();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                "%s %-10s run %d: %.2f s, %,.0f rows/s, %.1f MB/s (%d rows out)%n",
                name, mode, run, seconds, rows / seconds, bytes / seconds / 1e6, result.size());
          }
        }
      } finally {
        context.stop();
      }
    }
  }

  private static void write(String file, long rows, int seed) throws Exception {
    MessageType type = MessageTypeParser.parseMessageType(SCHEMA);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    Random r = new Random(seed);
    String[] flags = {"A", "N", "R"};
    String[] status = {"F", "O"};
    int start = (int) LocalDate.of(1992, 1, 1).toEpochDay();
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new Path(file))
            .withConf(new Configuration())
            .withType(type)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .build()) {
      for (long i = 0; i < rows; i++) {
        Group g = groups.newGroup();
        g.append("l_orderkey", i / 4);
        g.append("l_partkey", (long) r.nextInt(200_000));
        g.append("l_linenumber", (int) (i % 7));
        g.append("l_quantity", (long) (100 + r.nextInt(5000)));
        g.append("l_extendedprice", (long) r.nextInt(10_000_000));
        g.append("l_discount", (long) r.nextInt(11));
        g.append("l_tax", (long) r.nextInt(9));
        g.append("l_returnflag", flags[r.nextInt(3)]);
        g.append("l_linestatus", status[r.nextInt(2)]);
        g.append("l_shipdate", start + r.nextInt(2500));
        if (r.nextInt(10) != 0) {
          g.append("l_comment", Binary.fromString("comment " + BigInteger.valueOf(r.nextInt())));
        }
        w.write(g);
      }
    }
  }
}
