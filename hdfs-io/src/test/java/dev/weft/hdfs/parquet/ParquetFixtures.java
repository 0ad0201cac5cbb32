package dev.weft.hdfs.parquet;

import dev.weft.hdfs.input.FileSplit;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * Test data for the Parquet tests: customers sorted by id, written and read with parquet-avro
 * directly, so that Weft's readers and writers are checked against the library, not against
 * themselves.
 */
final class ParquetFixtures {
  static final Schema ADDRESS =
      SchemaBuilder.record("Address")
          .namespace("dev.weft.test")
          .fields()
          .requiredString("city")
          .requiredInt("zip")
          .endRecord();

  static final Schema CUSTOMER =
      SchemaBuilder.record("Customer")
          .namespace("dev.weft.test")
          .fields()
          .requiredLong("id")
          .requiredInt("age")
          .requiredString("name")
          .requiredDouble("score")
          .requiredBoolean("active")
          .optionalString("email")
          .requiredString("segment")
          .name("address")
          .type(ADDRESS)
          .noDefault()
          .name("tags")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .endRecord();

  /** A small row group size, so that a few thousand records make many row groups. */
  static final int SMALL_ROW_GROUP = 64 << 10;

  static final int SMALL_PAGE = 8 << 10;

  static final Configuration CONF = new Configuration();

  private ParquetFixtures() {}

  /**
   * Customers with ids 0 to count-1, in id order. Every tenth has no email. The segment is "a" or
   * "z", except that customers with ids in [rareFrom, rareFrom + 50) are in segment "m".
   */
  static List<GenericRecord> customers(int count, int rareFrom) {
    Random random = new Random(42);
    List<GenericRecord> records = new ArrayList<>(count);
    for (int id = 0; id < count; id++) {
      GenericData.Record address = new GenericData.Record(ADDRESS);
      address.put("city", "city-" + random.nextInt(500));
      address.put("zip", 10000 + random.nextInt(89999));
      GenericData.Record customer = new GenericData.Record(CUSTOMER);
      customer.put("id", (long) id);
      customer.put("age", 18 + random.nextInt(70));
      customer.put("name", "customer-" + Long.toHexString(random.nextLong()));
      customer.put("score", random.nextDouble() * 100);
      customer.put("active", random.nextBoolean());
      customer.put("email", id % 10 == 0 ? null : "c" + id + "@example.com");
      boolean rare = id >= rareFrom && id < rareFrom + 50;
      customer.put("segment", rare ? "m" : (random.nextBoolean() ? "a" : "z"));
      customer.put("address", address);
      customer.put("tags", List.of("t" + random.nextInt(5), "u" + random.nextInt(3)));
      records.add(customer);
    }
    return records;
  }

  /** Writes records with parquet-avro's own writer to {@code file}, which must not exist. */
  static Path writeWithParquetAvro(
      File file, Schema schema, List<GenericRecord> records, CompressionCodecName codec)
      throws IOException {
    Path path = new Path(file.toURI());
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(path, CONF))
            .withSchema(schema)
            .withDataModel(GenericData.get())
            .withCompressionCodec(codec)
            .withRowGroupSize((long) SMALL_ROW_GROUP)
            .withPageSize(SMALL_PAGE)
            .build()) {
      for (GenericRecord record : records) {
        writer.write(record);
      }
    }
    return path;
  }

  /** Reads a whole file with parquet-avro's own reader. */
  static List<GenericRecord> readWithParquetAvro(Path path) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(path, CONF))
            .withDataModel(GenericData.get())
            .build()) {
      for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
        records.add(record);
      }
    }
    return records;
  }

  /** A split of the whole file, as the engine plans it for a Parquet file read in one task. */
  static FileSplit wholeFile(Path path) throws IOException {
    long length = path.getFileSystem(CONF).getFileStatus(path).getLen();
    return new FileSplit(path.toString(), 0, length, new String[0], false);
  }

  /** Reads a split to the end; returns the records and, through {@code metrics}, the counters. */
  static List<GenericRecord> read(FileSplit split, ParquetScan scan, ParquetReadMetrics[] metrics)
      throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (ParquetSplitReader reader = new ParquetSplitReader(split, scan, CONF)) {
      reader.forEachRemaining(records::add);
      if (metrics != null) {
        metrics[0] = reader.metrics();
      }
    }
    return records;
  }

  /** The ids of records that have an id field. */
  static List<Long> ids(List<GenericRecord> records) {
    List<Long> ids = new ArrayList<>();
    for (GenericRecord record : records) {
      ids.add((Long) record.get("id"));
    }
    return ids;
  }
}
