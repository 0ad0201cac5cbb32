package dev.weft.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.api.Dataset;
import dev.weft.api.JobFailedException;
import dev.weft.api.SaveMode;
import dev.weft.api.TaskContext;
import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Writing Parquet, Avro and text through the commit protocol. */
public class FileWritesTest {
  private static final String SCHEMA_JSON =
      SchemaBuilder.record("Sale")
          .fields()
          .requiredLong("id")
          .optionalString("country")
          .requiredDouble("amount")
          .endRecord()
          .toString();

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private static WeftContext weft;

  @BeforeClass
  public static void start() {
    weft =
        new WeftContext(new WeftConf(false).setMaster("local[2]").set("weft.memory.reserved", "0"));
  }

  @AfterClass
  public static void stop() {
    weft.stop();
  }

  /** Sales 0..n-1 in 4 partitions, countries DE/FR and, for every tenth, none. */
  private static Dataset<GenericRecord> sales(int n) {
    String json = SCHEMA_JSON;
    return weft.range(0, n, 1, 4)
        .map(
            i -> {
              GenericRecord r = new GenericData.Record(new Schema.Parser().parse(json));
              r.put("id", i);
              r.put("country", i % 10 == 0 ? null : (i % 2 == 0 ? "DE" : "FR"));
              r.put("amount", i * 1.25);
              return r;
            });
  }

  private String dest() {
    return new File(tmp.getRoot(), "out-" + System.nanoTime()).getPath();
  }

  private static List<Path> files(String dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(Path.of(dir))) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static List<GenericRecord> readParquetDirectly(Path file) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    try (ParquetReader<GenericRecord> r =
        AvroParquetReader.<GenericRecord>builder(
                HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
            .build()) {
      for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
        out.add(rec);
      }
    }
    return out;
  }

  @Test
  public void parquetOutputIsReadBackExactlyByParquetAvroItself() throws IOException {
    String out = dest();

    sales(1000).write().codec("zstd").parquet(out);

    List<Path> parts = files(out, ".parquet");
    assertEquals("one file per partition", 4, parts.size());
    long sum = 0;
    int n = 0;
    for (Path p : parts) {
      for (GenericRecord r : readParquetDirectly(p)) {
        sum += (long) r.get("id");
        n++;
      }
    }
    assertEquals(1000, n);
    assertEquals(499_500, sum);
    assertTrue(new File(out, "_SUCCESS").exists());
  }

  @Test
  public void partitionByWritesOneDirectoryPerValueWithNullsInTheDefaultPartition()
      throws IOException {
    String out = dest();

    sales(100).write().partitionBy("country").parquet(out);

    assertEquals(
        List.of("country=DE", "country=FR", "country=__HIVE_DEFAULT_PARTITION__"),
        Stream.of(new File(out).list()).filter(n -> n.startsWith("country=")).sorted().toList());
    int de = 0;
    for (Path p : files(out + "/country=DE", ".parquet")) {
      for (GenericRecord r : readParquetDirectly(p)) {
        assertEquals("DE", r.get("country").toString());
        de++;
      }
    }
    assertEquals(40, de);
    assertEquals(100, weft.parquet(out).count());
  }

  @Test
  public void avroOutputReadsBackThroughTheEngine() {
    String out = dest();

    sales(500).write().codec("deflate").avro(out);

    List<GenericRecord> back = weft.avro(out).collect();
    assertEquals(500, back.size());
    assertEquals(499L * 500 / 2, back.stream().mapToLong(r -> (long) r.get("id")).sum());
  }

  @Test
  public void avroFilesReadAsSpecificRecordsShuffleAndCount() throws IOException {
    File dir = tmp.newFolder("visits");
    try (org.apache.avro.file.DataFileWriter<Visit> w =
        new org.apache.avro.file.DataFileWriter<>(
            new org.apache.avro.specific.SpecificDatumWriter<>(Visit.class))) {
      w.create(Visit.SCHEMA$, new File(dir, "visits.avro"));
      for (long i = 0; i < 300; i++) {
        w.append(new Visit(i % 7, "/page/" + (i % 3)));
      }
    }

    java.util.Map<String, Long> byPage =
        weft.avro(dir.getPath(), Visit.class).keyBy(Visit::page).countByKey();

    assertEquals(java.util.Map.of("/page/0", 100L, "/page/1", 100L, "/page/2", 100L), byPage);
  }

  @Test
  public void saveModesRefuseReplaceOrAddToAnExistingDestination() throws IOException {
    String out = dest();
    weft.range(0, 10, 1, 2).saveAsTextFile(out);

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> weft.range(0, 5, 1, 1).saveAsTextFile(out));
    assertTrue(refused.getMessage(), refused.getMessage().contains("already exists"));

    weft.range(100, 103, 1, 1).write().mode(SaveMode.OVERWRITE).text(out);
    assertEquals(List.of("100", "101", "102"), weft.textFile(out).collect());

    weft.range(200, 202, 1, 1).write().mode("append").text(out);
    assertEquals(5, weft.textFile(out).count());
  }

  @Test
  public void aJobThatFailsAfterSomeTasksCommittedLeavesNoFilesAndNoSuccessMarker() {
    String out = dest();

    assertThrows(
        JobFailedException.class,
        () ->
            sales(400)
                .map(
                    r -> {
                      if (TaskContext.get().partitionId() == 3) {
                        throw new IllegalStateException("partition 3 cannot be written");
                      }
                      return r;
                    })
                .write()
                .parquet(out));

    assertFalse("a destination the job created is removed", new File(out).exists());
  }

  @Test
  public void textOutputCanBeCompressedAndReadsBack() throws IOException {
    String out = dest();

    weft.range(0, 1000, 1, 2).write().codec("gzip").text(out);

    assertEquals(2, files(out, ".gz").size());
    assertEquals(499_500L, (long) weft.textFile(out).map(Long::parseLong).reduce(Long::sum));
  }

  @Test
  public void recordsOfTwoSchemasInOnePartitionEachKeepTheirFields() {
    String v1 =
        SchemaBuilder.record("Event")
            .fields()
            .requiredLong("id")
            .requiredString("kind")
            .endRecord()
            .toString();
    String v2 =
        SchemaBuilder.record("Event")
            .fields()
            .requiredLong("id")
            .requiredString("source")
            .requiredString("kind")
            .endRecord()
            .toString();
    String out = dest();

    weft.range(0, 10, 1, 1)
        .map(
            i -> {
              boolean old = i % 2 == 0;
              GenericRecord r = new GenericData.Record(new Schema.Parser().parse(old ? v1 : v2));
              r.put("id", i);
              r.put("kind", "k" + i);
              if (!old) {
                r.put("source", "s" + i);
              }
              return r;
            })
        .write()
        .parquet(out);

    List<GenericRecord> back = weft.parquet(out).collect();
    assertEquals(10, back.size());
    for (GenericRecord r : back) {
      assertEquals("k" + r.get("id"), r.get("kind").toString());
    }
  }

  @Test
  public void anUnknownCodecIsRefusedBeforeAnythingRuns() {
    String out = dest();

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> sales(10).write().codec("lz5").parquet(out));

    assertTrue(e.getMessage(), e.getMessage().contains("lz5"));
    assertFalse(new File(out).exists());
  }
}
