package dev.weft.hdfs.parquet;

import static dev.weft.hdfs.parquet.ParquetFixtures.CONF;
import static dev.weft.hdfs.parquet.ParquetFixtures.CUSTOMER;
import static dev.weft.hdfs.parquet.ParquetFixtures.customers;
import static dev.weft.hdfs.parquet.ParquetFixtures.ids;
import static dev.weft.hdfs.parquet.ParquetFixtures.read;
import static dev.weft.hdfs.parquet.ParquetFixtures.wholeFile;
import static dev.weft.hdfs.parquet.ParquetFixtures.writeWithParquetAvro;
import static dev.weft.hdfs.parquet.ParquetPredicate.col;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.input.FileSplit;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of {@link ParquetSplitReader}: exact read-back, projection, predicate pushdown
 * measured in bytes and row groups, and splits that together read every record exactly once.
 */
public class ParquetSplitReaderTest {
  private static final int COUNT = 20_000;
  private static final int RARE_FROM = 12_345;

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private List<GenericRecord> written;
  private Path file;

  @Before
  public void writeCustomersWithParquetAvro() throws IOException {
    written = customers(COUNT, RARE_FROM);
    file =
        writeWithParquetAvro(
            new File(tmp.getRoot(), "customers.parquet"),
            CUSTOMER,
            written,
            CompressionCodecName.SNAPPY);
  }

  @Test
  public void fileWrittenByParquetAvroIsReadBackExactly() throws IOException {
    ParquetReadMetrics[] metrics = new ParquetReadMetrics[1];
    List<GenericRecord> read = read(wholeFile(file), ParquetScan.all(), metrics);

    assertEquals(written, read);
    assertEquals(COUNT, metrics[0].recordsReturned());
    assertTrue("several row groups: " + metrics[0], metrics[0].rowGroupsInSplit() > 5);
    assertEquals(metrics[0].rowGroupsInSplit(), metrics[0].rowGroupsRead());
    assertEquals(0, metrics[0].rowGroupsSkipped());
  }

  @Test
  public void projectionReturnsOnlyTheRequestedColumnsInTheRequestedOrder() throws IOException {
    List<GenericRecord> read =
        read(wholeFile(file), ParquetScan.all().withColumns("name", "id"), null);

    assertEquals(COUNT, read.size());
    for (int i = 0; i < COUNT; i++) {
      GenericRecord record = read.get(i);
      assertEquals(List.of("name", "id"), fieldNames(record.getSchema()));
      assertEquals(written.get(i).get("id"), record.get("id"));
      assertEquals(written.get(i).get("name").toString(), record.get("name").toString());
    }
  }

  @Test
  public void projectionReadsFewerBytesThanAllColumns() throws IOException {
    ParquetReadMetrics[] narrow = new ParquetReadMetrics[1];
    ParquetReadMetrics[] wide = new ParquetReadMetrics[1];
    read(wholeFile(file), ParquetScan.all().withColumns("age"), narrow);
    read(wholeFile(file), ParquetScan.all(), wide);

    assertTrue(
        "age only: " + narrow[0].bytesRead() + " bytes, all columns: " + wide[0].bytesRead(),
        narrow[0].bytesRead() * 4 < wide[0].bytesRead());
  }

  @Test
  public void selectivePredicateOnSortedColumnSkipsRowGroupsAndReadsFewerBytes()
      throws IOException {
    ParquetScan full = ParquetScan.all().withColumns("id", "name", "score");
    ParquetScan selective = full.withPredicate(col("id").gtEq(5_000).and(col("id").lt(5_100)));
    ParquetReadMetrics[] fullMetrics = new ParquetReadMetrics[1];
    ParquetReadMetrics[] selectiveMetrics = new ParquetReadMetrics[1];

    List<GenericRecord> all = read(wholeFile(file), full, fullMetrics);
    List<GenericRecord> matching = read(wholeFile(file), selective, selectiveMetrics);

    assertEquals(
        filter(all, r -> (Long) r.get("id") >= 5_000 && (Long) r.get("id") < 5_100), matching);
    assertEquals(100, selectiveMetrics[0].recordsReturned());
    ParquetReadMetrics f = fullMetrics[0];
    ParquetReadMetrics s = selectiveMetrics[0];
    assertTrue("row groups read: full " + f + ", selective " + s, s.rowGroupsRead() <= 2);
    assertTrue("row groups read: full " + f + ", selective " + s, f.rowGroupsRead() > 5);
    assertEquals(f.rowGroupsInSplit(), s.rowGroupsRead() + s.rowGroupsSkipped());
    assertTrue(
        "bytes read: full " + f.bytesRead() + ", selective " + s.bytesRead(),
        s.bytesRead() * 3 < f.bytesRead());
  }

  @Test
  public void dictionaryFilterSkipsRowGroupsTheStatisticsCannotRuleOut() throws IOException {
    // Every row group has segments "a" and "z", so min/max cannot exclude "m"; dictionaries can.
    ParquetScan scan = ParquetScan.all().withPredicate(col("segment").eq("m"));
    ParquetReadMetrics[] metrics = new ParquetReadMetrics[1];

    List<GenericRecord> read = read(wholeFile(file), scan, metrics);

    assertEquals(filter(written, r -> r.get("segment").toString().equals("m")), read);
    assertEquals(50, read.size());
    assertTrue("read " + metrics[0], metrics[0].rowGroupsRead() <= 2);
    assertTrue("skipped " + metrics[0], metrics[0].rowGroupsSkipped() > 3);
  }

  @Test
  public void filterOnColumnOutsideTheProjectionFiltersButIsNotReturned() throws IOException {
    ParquetScan scan =
        ParquetScan.all()
            .withColumns("name")
            .withPredicate(col("age").gt(80).or(col("address.zip").lt(10_100)));

    List<GenericRecord> read = read(wholeFile(file), scan, null);

    List<String> expected =
        written.stream()
            .filter(
                r ->
                    (Integer) r.get("age") > 80
                        || (Integer) ((GenericRecord) r.get("address")).get("zip") < 10_100)
            .map(r -> r.get("name").toString())
            .collect(Collectors.toList());
    assertEquals(expected, names(read));
    assertEquals(List.of("name"), fieldNames(read.get(0).getSchema()));
  }

  @Test
  public void predicatesOfEveryKindReturnWhatAPlainFilterOfAFullScanReturns() throws IOException {
    List<GenericRecord> all = read(wholeFile(file), ParquetScan.all(), null);
    assertMatches(all, col("email").isNull(), r -> r.get("email") == null);
    assertMatches(all, col("email").isNotNull(), r -> r.get("email") != null);
    assertMatches(all, col("active").eq(true), r -> (Boolean) r.get("active"));
    assertMatches(all, col("score").ltEq(1.5), r -> (Double) r.get("score") <= 1.5);
    assertMatches(all, col("age").in(20, 30, 40), r -> Set.of(20, 30, 40).contains(r.get("age")));
    assertMatches(
        all,
        ParquetPredicate.not(col("segment").notEq("m")),
        r -> r.get("segment").toString().equals("m"));
    assertMatches(
        all,
        col("address.city").eq("city-7").and(col("id").gt(10_000)),
        r ->
            ((GenericRecord) r.get("address")).get("city").toString().equals("city-7")
                && (Long) r.get("id") > 10_000);
  }

  @Test
  public void byteRangeSplitsOfAnySizeReadEveryRecordExactlyOnce() throws IOException {
    long length = file.getFileSystem(CONF).getFileStatus(file).getLen();
    for (long splitSize : new long[] {3_000, 17_000, 65_536, 100_003, length / 2, length}) {
      List<Long> ids = new ArrayList<>();
      int nonEmpty = 0;
      for (long start = 0; start < length; start += splitSize) {
        FileSplit split =
            new FileSplit(
                file.toString(), start, Math.min(splitSize, length - start), new String[0], false);
        List<GenericRecord> records = read(split, ParquetScan.all().withColumns("id"), null);
        ids.addAll(ids(records));
        nonEmpty += records.isEmpty() ? 0 : 1;
      }
      assertEquals("split size " + splitSize, ids(written), sorted(ids));
      assertEquals("no duplicates at split size " + splitSize, COUNT, new HashSet<>(ids).size());
      assertTrue("split size " + splitSize, nonEmpty >= 1);
    }
  }

  @Test
  public void splitsWithAPredicateTogetherReturnTheMatchingRecordsOnce() throws IOException {
    long length = file.getFileSystem(CONF).getFileStatus(file).getLen();
    ParquetScan scan = ParquetScan.all().withPredicate(col("age").ltEq(30));
    List<GenericRecord> read = new ArrayList<>();
    for (long start = 0; start < length; start += 40_000) {
      read.addAll(
          read(
              new FileSplit(
                  file.toString(), start, Math.min(40_000, length - start), new String[0], false),
              scan,
              null));
    }
    assertEquals(filter(written, r -> (Integer) r.get("age") <= 30), read);
  }

  private void assertMatches(
      List<GenericRecord> all, ParquetPredicate predicate, Predicate<GenericRecord> plain)
      throws IOException {
    List<GenericRecord> expected = filter(all, plain);
    assertTrue("predicate " + predicate + " selects something", !expected.isEmpty());
    assertEquals(
        predicate.toString(),
        expected,
        read(wholeFile(file), ParquetScan.all().withPredicate(predicate), null));
  }

  private static List<GenericRecord> filter(
      List<GenericRecord> records, Predicate<GenericRecord> p) {
    return records.stream().filter(p).collect(Collectors.toList());
  }

  private static List<String> fieldNames(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).collect(Collectors.toList());
  }

  private static List<String> names(List<GenericRecord> records) {
    return records.stream().map(r -> r.get("name").toString()).collect(Collectors.toList());
  }

  private static List<Long> sorted(List<Long> ids) {
    return ids.stream().sorted().collect(Collectors.toList());
  }
}
