package dev.weft.engine;

import static org.junit.Assert.assertEquals;

import dev.weft.api.WeftConf;
import dev.weft.api.WeftContext;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 13's round trip through the typed API: a file in Spark's layout, read with {@code
 * weft.parquet(in)}, shuffled, and written with {@code .write().parquet(out)}, holds the same types
 * and values, as parquet-mr's own reader sees them.
 */
public class SparkParquetRoundTripTest {
  private static final int ROWS = 5_000;
  private static final Configuration CONF = new Configuration();
  private static final String SPARK_SCHEMA =
      "message spark_schema {\n"
          + "  required int64 id;\n"
          + "  optional binary name (STRING);\n"
          + "  optional fixed_len_byte_array(13) big (DECIMAL(30,4));\n"
          + "  optional int64 price (DECIMAL(12,2));\n"
          + "  optional int32 day (DATE);\n"
          + "  optional int64 ts (TIMESTAMP(MICROS,true));\n"
          + "  optional int96 legacy_ts;\n"
          + "  optional double score;\n"
          + "  optional int32 qty;\n"
          + "  optional boolean flag;\n"
          + "  optional group address { optional binary city (STRING); optional int32 zip; }\n"
          + "  optional group tags (LIST) {\n"
          + "    repeated group list { optional binary element (STRING); }\n"
          + "  }\n"
          + "}";

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

  @Test
  public void sparkFileReadAndWrittenBackByWeftKeepsEveryTypeAndValue() throws IOException {
    Path in = writeSparkFile(new File(tmp.getRoot(), "in.parquet"));
    String out = new File(tmp.getRoot(), "out").getPath();

    weft.parquet(in.toString()).repartition(3).write().parquet(out);

    List<Group> rows = new ArrayList<>();
    MessageType schema = null;
    for (Path part : parts(out)) {
      schema = schemaOf(part);
      rows.addAll(read(part));
    }
    assertEquals(ROWS, rows.size());
    assertEquals(LogicalTypeAnnotation.decimalType(2, 12), annotation(schema, "price"));
    assertEquals(LogicalTypeAnnotation.decimalType(4, 30), annotation(schema, "big"));
    assertEquals(LogicalTypeAnnotation.dateType(), annotation(schema, "day"));
    assertEquals(
        LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS),
        annotation(schema, "ts"));
    assertEquals(
        LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS),
        annotation(schema, "legacy_ts"));
    assertEquals(
        MessageTypeParser.parseMessageType(SPARK_SCHEMA).getType("tags"), schema.getType("tags"));

    rows.sort((a, b) -> Long.compare(a.getLong("id", 0), b.getLong("id", 0)));
    for (int id = 0; id < ROWS; id++) {
      Group row = rows.get(id);
      assertEquals(id, row.getLong("id", 0));
      assertEquals(price(id), decimal(row, "price"));
      assertEquals(new BigDecimal(id + ".0001"), decimal(row, "big"));
      assertEquals(id, row.getInteger("day", 0));
      assertEquals(id * 1_000_001L, row.getLong("ts", 0));
      assertEquals(id * 86_400_000_000L + 1_000_000L, row.getLong("legacy_ts", 0));
      assertEquals(id % 7 == 0 ? 0 : 1, row.getFieldRepetitionCount("name"));
      assertEquals(id % 5 == 0 ? 0 : 1, row.getFieldRepetitionCount("score"));
      assertEquals("city-" + id % 10, row.getGroup("address", 0).getString("city", 0));
      Group tags = row.getGroup("tags", 0);
      assertEquals(2, tags.getFieldRepetitionCount("list"));
      assertEquals("t" + id % 3, tags.getGroup("list", 0).getString("element", 0));
    }
    assertEquals(ROWS, weft.parquet(out).count());
  }

  private static BigDecimal price(int id) {
    return BigDecimal.valueOf(id % 2 == 0 ? 125 + id : -(125 + id), 2);
  }

  private static Path writeSparkFile(File file) throws IOException {
    MessageType type = MessageTypeParser.parseMessageType(SPARK_SCHEMA);
    Path path = new Path(file.toURI());
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, CONF))
            .withType(type)
            .withConf(CONF)
            .build()) {
      for (int id = 0; id < ROWS; id++) {
        Group row = groups.newGroup().append("id", (long) id);
        if (id % 7 != 0) {
          row.append("name", "name-" + id);
        }
        row.append("big", fixed(new BigDecimal(id + ".0001").unscaledValue(), 13))
            .append("price", price(id).unscaledValue().longValueExact())
            .append("day", id)
            .append("ts", id * 1_000_001L)
            .append("legacy_ts", int96(id, 1_000_000_000L));
        if (id % 5 != 0) {
          row.append("score", id * 0.5);
        }
        row.append("qty", id % 100).append("flag", id % 2 == 0);
        row.addGroup("address").append("city", "city-" + id % 10).append("zip", 10_000 + id);
        Group tags = row.addGroup("tags");
        tags.addGroup("list").append("element", "t" + id % 3);
        tags.addGroup("list");
        writer.write(row);
      }
    }
    return path;
  }

  private static Binary fixed(BigInteger unscaled, int length) {
    byte[] minimal = unscaled.toByteArray();
    byte[] bytes = new byte[length];
    System.arraycopy(minimal, 0, bytes, length - minimal.length, minimal.length);
    return Binary.fromConstantByteArray(bytes);
  }

  private static Binary int96(long epochDay, long nanosOfDay) {
    ByteBuffer bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(nanosOfDay).putInt((int) (epochDay + 2_440_588L));
    return Binary.fromConstantByteArray(bytes.array());
  }

  private static BigDecimal decimal(Group group, String field) {
    PrimitiveType type = group.getType().getType(field).asPrimitiveType();
    int scale =
        ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) type.getLogicalTypeAnnotation())
            .getScale();
    switch (type.getPrimitiveTypeName()) {
      case INT32:
        return BigDecimal.valueOf(group.getInteger(field, 0), scale);
      case INT64:
        return BigDecimal.valueOf(group.getLong(field, 0), scale);
      default:
        return new BigDecimal(new BigInteger(group.getBinary(field, 0).getBytes()), scale);
    }
  }

  private static LogicalTypeAnnotation annotation(MessageType schema, String field) {
    return schema.getType(field).getLogicalTypeAnnotation();
  }

  private static List<Path> parts(String dir) throws IOException {
    try (Stream<java.nio.file.Path> files = Files.walk(java.nio.file.Path.of(dir))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .map(p -> new Path(p.toUri()))
          .toList();
    }
  }

  private static MessageType schemaOf(Path path) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, CONF))) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }

  private static List<Group> read(Path path) throws IOException {
    List<Group> groups = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), path).withConf(CONF).build()) {
      for (Group group = reader.read(); group != null; group = reader.read()) {
        groups.add(group);
      }
    }
    return groups;
  }
}
