package dev.weft.hdfs.parquet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.MiniHdfs;
import dev.weft.hdfs.avro.AvroPartWriter;
import dev.weft.hdfs.avro.AvroSplitReader;
import dev.weft.hdfs.avro.AvroWriteOptions;
import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.SplitPlanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Parquet and Avro on HDFS: interoperability with the plain libraries, and measured pushdown. */
public class FormatsOnHdfsIT {
  private static final int RECORDS = 20_000;
  private static MiniHdfs hdfs;

  @BeforeClass
  public static void startHdfs() throws IOException {
    hdfs = MiniHdfs.start(FormatsOnHdfsIT.class);
  }

  @AfterClass
  public static void stopHdfs() {
    hdfs.close();
  }

  private static Path writeWithParquetAvro(String name, List<GenericRecord> records)
      throws IOException {
    Path path = hdfs.path("/formats/" + name);
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(path, hdfs.conf()))
            .withSchema(ParquetFixtures.CUSTOMER)
            .withDataModel(GenericData.get())
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupSize((long) ParquetFixtures.SMALL_ROW_GROUP)
            .withPageSize(ParquetFixtures.SMALL_PAGE)
            .build()) {
      for (GenericRecord r : records) {
        w.write(r);
      }
    }
    return path;
  }

  private static List<GenericRecord> readWithWeft(List<FileSplit> splits, ParquetScan scan)
      throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    for (FileSplit split : splits) {
      try (ParquetSplitReader r = new ParquetSplitReader(split, scan, hdfs.conf())) {
        r.forEachRemaining(out::add);
      }
    }
    return out;
  }

  private static long hdfsBytesRead() {
    return FileSystem.getAllStatistics().stream()
        .filter(s -> s.getScheme().equals("hdfs"))
        .mapToLong(FileSystem.Statistics::getBytesRead)
        .sum();
  }

  @Test
  public void parquetWrittenByParquetAvroIsReadBackExactlyAcrossSplits() throws IOException {
    List<GenericRecord> records = ParquetFixtures.customers(RECORDS, 10_000);
    Path path = writeWithParquetAvro("interop.parquet", records);

    List<FileSplit> splits =
        new SplitPlanner(hdfs.conf()).withMaxSplitSize(200_000).plan(path.toString(), 1);

    assertTrue("several splits: " + splits.size(), splits.size() > 2);
    assertEquals(records, readWithWeft(splits, ParquetScan.all()));
  }

  @Test
  public void weftParquetOutputIsReadBackExactlyByParquetAvro() throws IOException {
    List<GenericRecord> records = ParquetFixtures.customers(2_000, 500);
    Path path = hdfs.path("/formats/weft-written.parquet");
    try (ParquetPartWriter w =
        ParquetPartWriter.open(
            path, ParquetFixtures.CUSTOMER, ParquetWriteOptions.defaults(), hdfs.conf())) {
      for (GenericRecord r : records) {
        w.write(r);
      }
    }

    List<GenericRecord> back = new ArrayList<>();
    try (ParquetReader<GenericRecord> r =
        AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(path, hdfs.conf()))
            .withDataModel(GenericData.get())
            .build()) {
      for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
        back.add(rec);
      }
    }
    assertEquals(records, back);
  }

  @Test
  public void aSelectivePredicateReadsFewerHdfsBytesAndRowGroupsThanAFullScan() throws IOException {
    List<GenericRecord> records = ParquetFixtures.customers(RECORDS, 10_000);
    Path path = writeWithParquetAvro("pushdown.parquet", records);
    FileSplit whole =
        new FileSplit(
            path.toString(), 0, hdfs.fs().getFileStatus(path).getLen(), new String[0], false);

    long before = hdfsBytesRead();
    List<GenericRecord> all;
    ParquetReadMetrics fullMetrics;
    try (ParquetSplitReader r = new ParquetSplitReader(whole, ParquetScan.all(), hdfs.conf())) {
      all = new ArrayList<>();
      r.forEachRemaining(all::add);
      fullMetrics = r.metrics();
    }
    long fullBytes = hdfsBytesRead() - before;

    ParquetScan selective =
        ParquetScan.all()
            .withColumns("id", "segment")
            .withPredicate(
                ParquetPredicate.col("id").gtEq(5_000L).and(ParquetPredicate.col("id").lt(5_100L)));
    before = hdfsBytesRead();
    List<GenericRecord> some;
    ParquetReadMetrics someMetrics;
    try (ParquetSplitReader r = new ParquetSplitReader(whole, selective, hdfs.conf())) {
      some = new ArrayList<>();
      r.forEachRemaining(some::add);
      someMetrics = r.metrics();
    }
    long selectiveBytes = hdfsBytesRead() - before;

    assertEquals(RECORDS, all.size());
    assertEquals(100, some.size());
    assertEquals(5_000L, some.get(0).get("id"));
    assertTrue(
        "HDFS bytes: selective " + selectiveBytes + " vs full " + fullBytes,
        selectiveBytes * 3 < fullBytes);
    assertTrue(
        "row groups: selective "
            + someMetrics.rowGroupsRead()
            + " vs full "
            + fullMetrics.rowGroupsRead(),
        someMetrics.rowGroupsRead() < fullMetrics.rowGroupsRead());
  }

  @Test
  public void avroWrittenByWeftOnHdfsIsReadBackAcrossSplits() throws IOException {
    List<GenericRecord> records = ParquetFixtures.customers(5_000, 100);
    Path path = hdfs.path("/formats/customers.avro");
    try (AvroPartWriter<GenericRecord> w =
        AvroPartWriter.generic(
            path,
            ParquetFixtures.CUSTOMER,
            AvroWriteOptions.defaults().withSyncInterval(4_096),
            hdfs.conf())) {
      for (GenericRecord r : records) {
        w.write(r);
      }
    }

    List<GenericRecord> back = new ArrayList<>();
    for (FileSplit split :
        new SplitPlanner(hdfs.conf()).withMaxSplitSize(50_000).plan(path.toString(), 1)) {
      try (AvroSplitReader<GenericRecord> r = AvroSplitReader.generic(split, hdfs.conf())) {
        r.forEachRemaining(back::add);
      }
    }
    assertEquals(records, back);
  }
}
