package dev.weft.engine;

import static dev.weft.api.Filters.col;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Dataset;
import dev.weft.api.JobFailedException;
import dev.weft.api.Tuple2;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import dev.weft.core.driver.Internals;
import dev.weft.core.runtime.TaskMetrics;
import dev.weft.core.scheduler.SchedulerListener;
import dev.weft.core.scheduler.TaskInfo;
import dev.weft.spi.scheduler.TaskEndReason;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reading Parquet, Avro and many small text files through the engine. */
public class FileFormatsTest {
  private static final Schema CUSTOMER =
      SchemaBuilder.record("Customer")
          .namespace("dev.weft.test")
          .fields()
          .requiredLong("id")
          .requiredString("name")
          .requiredInt("age")
          .requiredString("country")
          .requiredDouble("sales")
          .endRecord();
  private static final String[] COUNTRIES = {"DE", "FR", "IT", "ES", "NL"};

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private WeftContext weft;
  private final AtomicLong inputBytes = new AtomicLong();

  @Before
  public void start() {
    weft = context(false);
  }

  private WeftContext context(boolean ignoreCorrupt) {
    WeftContext w =
        new WeftContext(
            new WeftConf(false)
                .setMaster("local[2]")
                .set("weft.memory.reserved", "0")
                .set("weft.files.ignoreCorrupt", String.valueOf(ignoreCorrupt)));
    Internals.of(w)
        .addSchedulerListener(
            new SchedulerListener() {
              @Override
              public void onTaskEnd(TaskInfo task, TaskEndReason reason, TaskMetrics m) {
                if (m != null) {
                  inputBytes.addAndGet(m.inputBytes);
                }
              }
            });
    return w;
  }

  @After
  public void stop() {
    weft.stop();
  }

  private static GenericRecord customer(long id) {
    GenericRecord r = new GenericData.Record(CUSTOMER);
    r.put("id", id);
    r.put("name", "customer-" + id);
    r.put("age", (int) (18 + id % 60));
    r.put("country", COUNTRIES[(int) (id % COUNTRIES.length)]);
    r.put("sales", id * 0.5);
    return r;
  }

  /** Customers sorted by id into row groups of about 16 KiB, written by parquet-avro. */
  private String writeParquet(int n) throws IOException {
    return writeParquetFile(new File(tmp.newFolder("parquet"), "customers.parquet"), n).getParent();
  }

  private static File writeParquetFile(File file, int n) throws IOException {
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(
                HadoopOutputFile.fromPath(new Path(file.toURI()), new Configuration()))
            .withSchema(CUSTOMER)
            .withRowGroupSize(16L << 10)
            .build()) {
      for (long i = 0; i < n; i++) {
        w.write(customer(i));
      }
    }
    return file;
  }

  private long bytesReadBy(Runnable action) throws InterruptedException {
    assertTrue(Internals.of(weft).listenerBus().waitUntilEmpty(Duration.ofSeconds(10)));
    long before = inputBytes.get();
    action.run();
    assertTrue(Internals.of(weft).listenerBus().waitUntilEmpty(Duration.ofSeconds(10)));
    return inputBytes.get() - before;
  }

  @Test
  public void parquetSelectAndWhereMatchAPlainFilterAndReadOnlyWhatTheyNeed() throws Exception {
    String dir = writeParquet(20_000);

    List<Tuple2<String, Double>> fullScan = new ArrayList<>();
    long fullBytes =
        bytesReadBy(
            () ->
                fullScan.addAll(
                    weft.parquet(dir)
                        .mapToPair(
                            r -> new Tuple2<>(r.get("id").toString(), (double) r.get("sales")))
                        .filter(
                            t -> Long.parseLong(t._1()) >= 5_000 && Long.parseLong(t._1()) < 5_100)
                        .collect()));
    List<GenericRecord> selected = new ArrayList<>();
    long selectiveBytes =
        bytesReadBy(
            () ->
                selected.addAll(
                    weft.parquet(dir)
                        .select("id", "sales")
                        .where(col("id").gtEq(5_000L).and(col("id").lt(5_100L)))
                        .collect()));

    assertEquals(100, selected.size());
    assertEquals(fullScan.size(), selected.size());
    for (int i = 0; i < selected.size(); i++) {
      assertEquals(fullScan.get(i)._1(), selected.get(i).get("id").toString());
      assertEquals(fullScan.get(i)._2(), (double) selected.get(i).get("sales"), 0);
      assertEquals("only the selected columns", 2, selected.get(i).getSchema().getFields().size());
    }
    assertTrue(
        "pushdown must read far less: " + selectiveBytes + " vs " + fullBytes,
        selectiveBytes * 5 < fullBytes);
  }

  @Test
  public void parquetRecordsShuffleAndAggregateLikeAnyOther() throws Exception {
    String dir = writeParquet(2_000);

    Map<String, Double> salesByCountry =
        new TreeMap<>(
            weft.parquet(dir)
                .where(col("age").gt(25))
                .mapToPair(r -> new Tuple2<>(r.get("country").toString(), (double) r.get("sales")))
                .reduceByKey(Double::sum, 3)
                .collectAsMap());

    Map<String, Double> expected = new TreeMap<>();
    for (long i = 0; i < 2_000; i++) {
      GenericRecord c = customer(i);
      if ((int) c.get("age") > 25) {
        expected.merge(c.get("country").toString(), (double) c.get("sales"), Double::sum);
      }
    }
    assertEquals(expected, salesByCountry);
  }

  @Test
  public void aProjectionOfAMissingColumnFailsOnTheDriverNamingFileAndColumn() throws Exception {
    String dir = writeParquet(10);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> weft.parquet(dir).select("salary"));

    assertTrue(e.getMessage(), e.getMessage().contains("customers.parquet"));
    assertTrue(e.getMessage(), e.getMessage().contains("salary"));
  }

  private String writeAvro(String name, int from, int to) throws IOException {
    File dir = new File(tmp.getRoot(), "avro");
    dir.mkdirs();
    File file = new File(dir, name);
    try (DataFileWriter<GenericRecord> w =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(CUSTOMER))) {
      w.create(CUSTOMER, file);
      for (long i = from; i < to; i++) {
        w.append(customer(i));
      }
    }
    return dir.getPath();
  }

  @Test
  public void avroFilesAreReadWithAReaderSchema() throws Exception {
    String dir = writeAvro("a.avro", 0, 500);
    writeAvro("b.avro", 500, 1000);
    Schema reader =
        SchemaBuilder.record("Customer")
            .namespace("dev.weft.test")
            .fields()
            .requiredLong("id")
            .name("segment")
            .type()
            .stringType()
            .stringDefault("retail")
            .endRecord();

    List<GenericRecord> records = weft.avro(dir, reader).collect();

    assertEquals(1000, records.size());
    assertEquals(2, records.get(0).getSchema().getFields().size());
    assertEquals("retail", records.get(0).get("segment").toString());
    assertEquals(499_500L, records.stream().mapToLong(r -> (long) r.get("id")).sum());
  }

  @Test
  public void aCorruptFileFailsTheJobNamingItUnlessCorruptFilesAreSkipped() throws Exception {
    String dir = writeAvro("a-good.avro", 0, 100);
    Files.writeString(new File(dir, "z-bad.avro").toPath(), "this is not avro at all");

    JobFailedException e =
        assertThrows(JobFailedException.class, () -> weft.avro(dir, CUSTOMER).count());
    assertTrue(e.getMessage(), e.getMessage().contains("Not an Avro data file"));
    assertTrue(e.getMessage(), e.getMessage().contains("z-bad.avro"));

    weft.stop();
    weft = context(true);
    assertEquals(100, weft.avro(dir, CUSTOMER).count());
    assertEquals(1, weft.corruptFilesSkipped());
  }

  @Test
  public void aCorruptFirstFileIsReportedByTheDriverBeforeAnyTaskRuns() throws Exception {
    String dir = writeAvro("b-good.avro", 0, 100);
    Files.writeString(new File(dir, "a-bad.avro").toPath(), "this is not avro at all");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> weft.avro(dir, CUSTOMER));
    assertTrue(e.getMessage(), e.getMessage().contains("a-bad.avro"));

    weft.stop();
    weft = context(true);
    assertEquals(100, weft.avro(dir, CUSTOMER).count());
  }

  @Test
  public void aTruncatedParquetFileIsSkippedWholeOrFailsTheJobNamingIt() throws Exception {
    String dir = writeParquet(2_000);
    File bad = writeParquetFile(new File(dir, "truncated.parquet"), 2_000);
    byte[] bytes = Files.readAllBytes(bad.toPath());
    Files.write(bad.toPath(), java.util.Arrays.copyOf(bytes, bytes.length - 100));
    dropChecksumOf(bad);

    assertFailsNaming("truncated.parquet", () -> weft.parquet(dir).count());

    weft.stop();
    weft = context(true);
    assertEquals(2_000, weft.parquet(dir).count());
    assertEquals(1, weft.corruptFilesSkipped());
  }

  @Test
  public void aParquetFileDamagedNearItsEndContributesNoneOfItsRecords() throws Exception {
    String dir = writeParquet(2_000);
    File bad = writeParquetFile(new File(dir, "damaged.parquet"), 20_000);
    byte[] bytes = Files.readAllBytes(bad.toPath());
    // A page of one of the last row groups; the footer is intact, so the file opens.
    for (int i = bytes.length * 3 / 4; i < bytes.length * 3 / 4 + 32; i++) {
      bytes[i] = (byte) ~bytes[i];
    }
    Files.write(bad.toPath(), bytes);
    dropChecksumOf(bad);

    String failure = assertFailsNaming("damaged.parquet", () -> weft.parquet(dir).count());
    assertTrue(failure, failure.contains("Corrupt Parquet data in"));

    weft.stop();
    weft = context(true);
    assertEquals(2_000, weft.parquet(dir).count());
    assertEquals(1, weft.corruptFilesSkipped());
  }

  @Test
  public void aCorruptGzipTextFileIsSkippedWholeOrFailsTheJobNamingIt() throws Exception {
    File dir = tmp.newFolder("gz");
    Files.writeString(new File(dir, "a-good.txt").toPath(), "one\ntwo\n");
    File bad = new File(dir, "b-cut.txt.gz");
    try (java.io.OutputStream out =
        new java.util.zip.GZIPOutputStream(Files.newOutputStream(bad.toPath()))) {
      for (int i = 0; i < 50_000; i++) {
        out.write(("line " + i + " " + Integer.toHexString(i * 7919) + "\n").getBytes());
      }
    }
    byte[] bytes = Files.readAllBytes(bad.toPath());
    Files.write(bad.toPath(), java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));

    assertFailsNaming("b-cut.txt.gz", () -> weft.textFile(dir.getPath()).count());

    weft.stop();
    weft = context(true);
    assertEquals(List.of("one", "two"), weft.textFile(dir.getPath()).collect());
    assertEquals(1, weft.corruptFilesSkipped());
  }

  @Test
  public void aUserFunctionFailingIsNeverTakenForACorruptFile() throws Exception {
    weft.stop();
    weft = context(true);
    File dir = tmp.newFolder("user");
    Files.writeString(new File(dir, "a.txt").toPath(), "1\n2\nthree\n4\n");

    JobFailedException e =
        assertThrows(
            JobFailedException.class,
            () -> weft.textFile(dir.getPath()).map(Integer::parseInt).count());

    assertTrue(e.getMessage(), e.getMessage().contains("three"));
    assertEquals(0, weft.corruptFilesSkipped());
  }

  /** Deletes the local file system's checksum of a file, so that its damage reaches the reader. */
  private static void dropChecksumOf(File file) throws IOException {
    Files.deleteIfExists(new File(file.getParentFile(), "." + file.getName() + ".crc").toPath());
  }

  private static String assertFailsNaming(String file, Runnable action) {
    JobFailedException e = assertThrows(JobFailedException.class, action::run);
    String firstLine = e.getMessage().lines().findFirst().orElse("");
    assertTrue(e.getMessage(), firstLine.contains(file));
    return firstLine;
  }

  @Test
  public void manySmallTextFilesArePackedIntoFewPartitions() throws Exception {
    File dir = tmp.newFolder("small");
    for (int i = 0; i < 500; i++) {
      Files.writeString(new File(dir, "f" + i + ".txt").toPath(), "line-" + i + "\n");
    }

    Dataset<String> lines = weft.textFile(dir.getPath());

    // Each file costs weft.files.openCost (4m) against 128m partitions: 32 files a partition.
    assertTrue("partitions: " + lines.getNumPartitions(), lines.getNumPartitions() <= 17);
    assertEquals(500, lines.count());
    assertEquals(500, lines.distinct().count());
  }
}
