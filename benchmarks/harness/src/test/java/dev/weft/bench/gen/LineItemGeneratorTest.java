package dev.weft.bench.gen;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.bench.DataLayout;
import dev.weft.bench.LineItemQuery;
import dev.weft.bench.Scale;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LineItemGeneratorTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static final List<String> PARTS = List.of("part-00000.parquet", "part-00001.parquet");

  @Test
  public void theExpectedResultIsTheQueryOverTheWrittenRows() throws Exception {
    Path dir = tmp.newFolder().toPath();
    List<String> expected = new LineItemGenerator().generate(dir, 30_001);

    // The query again, straight from the files, with BigDecimal arithmetic.
    Map<String, BigDecimal[]> sums = new TreeMap<>();
    Map<String, Long> counts = new TreeMap<>();
    long rows = 0;
    for (Group g : read(dir)) {
      rows++;
      assertEquals(16, g.getType().getFieldCount());
      LocalDate ship = LocalDate.ofEpochDay(g.getInteger("l_shipdate", 0));
      if (ship.isAfter(LineItemQuery.SHIP_DATE_CUTOFF)) {
        continue;
      }
      String key = g.getString("l_returnflag", 0) + "\t" + g.getString("l_linestatus", 0);
      BigDecimal quantity = decimal(g, "l_quantity");
      BigDecimal price = decimal(g, "l_extendedprice");
      BigDecimal discount = decimal(g, "l_discount");
      BigDecimal tax = decimal(g, "l_tax");
      BigDecimal discounted = price.multiply(BigDecimal.ONE.subtract(discount));
      BigDecimal charge = discounted.multiply(BigDecimal.ONE.add(tax));
      BigDecimal[] s =
          sums.computeIfAbsent(key, k -> new BigDecimal[] {zero(), zero(), zero(), zero(), zero()});
      s[0] = s[0].add(quantity);
      s[1] = s[1].add(price);
      s[2] = s[2].add(discounted);
      s[3] = s[3].add(charge);
      s[4] = s[4].add(discount);
      counts.merge(key, 1L, Long::sum);
    }
    assertEquals(30_001, rows);
    List<String> recomputed = new ArrayList<>();
    for (Map.Entry<String, BigDecimal[]> e : sums.entrySet()) {
      BigDecimal[] s = e.getValue();
      long n = counts.get(e.getKey());
      recomputed.add(
          String.join(
              "\t",
              e.getKey(),
              s[0].toPlainString(),
              s[1].toPlainString(),
              s[2].toPlainString(),
              s[3].toPlainString(),
              LineItemQuery.average(s[0], n).toPlainString(),
              LineItemQuery.average(s[1], n).toPlainString(),
              LineItemQuery.average(s[4], n).toPlainString(),
              Long.toString(n)));
    }
    assertEquals(recomputed, expected);
    assertEquals(
        "TPC-H Q1's four groups",
        List.of("A\tF", "N\tF", "N\tO", "R\tF"),
        expected.stream().map(l -> l.substring(0, 3)).toList());
  }

  @Test
  public void sameSeedWritesTheSameBytes() throws Exception {
    Path a = tmp.newFolder("a").toPath();
    Path b = tmp.newFolder("b").toPath();
    new LineItemGenerator().generate(a, 5_000);
    new LineItemGenerator().generate(b, 5_000);
    for (String part : PARTS) {
      assertArrayEquals(
          part, Files.readAllBytes(a.resolve(part)), Files.readAllBytes(b.resolve(part)));
    }
  }

  @Test
  public void aCompleteDataDirectoryWithoutLineItemsGetsThemAndKeepsTheRest() throws Exception {
    DataLayout layout = new DataLayout(tmp.newFolder("data").toPath());
    Files.createDirectories(layout.completeMarker().getParent());
    Files.writeString(layout.completeMarker(), "scale=tiny\n");
    Files.createDirectories(layout.resolve(DataLayout.TEXT));
    Path text = Files.writeString(layout.resolve(DataLayout.TEXT).resolve("part-00000.txt"), "a\n");
    DataGenerator generator = new DataGenerator(new PrintStream(OutputStream.nullOutputStream()));

    assertTrue(generator.ensure(layout, Scale.TINY));

    assertEquals("a\n", Files.readString(text));
    assertEquals(4, Files.readAllLines(layout.expected(DataLayout.EXPECTED_LINEITEM)).size());
    assertTrue(Files.exists(layout.resolve(DataLayout.LINEITEM).resolve(PARTS.get(1))));
    assertEquals(false, generator.ensure(layout, Scale.TINY));
  }

  private static BigDecimal zero() {
    return BigDecimal.ZERO.setScale(2);
  }

  private static BigDecimal decimal(Group g, String column) {
    return BigDecimal.valueOf(g.getLong(column, 0), 2);
  }

  private static List<Group> read(Path dir) throws Exception {
    List<Group> rows = new ArrayList<>();
    for (String part : PARTS) {
      org.apache.hadoop.fs.Path path =
          new org.apache.hadoop.fs.Path(dir.resolve(part).toAbsolutePath().toUri());
      try (ParquetReader<Group> in =
          ParquetReader.builder(new GroupReadSupport(), path)
              .withConf(new Configuration())
              .build()) {
        for (Group g = in.read(); g != null; g = in.read()) {
          rows.add(g);
        }
      }
    }
    return rows;
  }
}
