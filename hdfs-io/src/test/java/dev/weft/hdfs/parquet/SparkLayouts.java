package dev.weft.hdfs.parquet;

import static dev.weft.hdfs.parquet.ParquetFixtures.CONF;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
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

/**
 * Parquet files in the exact layouts Spark writes (and Hive and Impala for INT96), written with
 * parquet-mr's own example writer, with no Avro schema in the footer; and parquet-mr's own reader,
 * to check what Weft writes without going through Avro.
 */
final class SparkLayouts {
  private SparkLayouts() {}

  /** Writes rows of a Parquet schema given in Parquet's text form; each row fills a group. */
  static Path write(File file, String schema, List<Consumer<Group>> rows) throws IOException {
    MessageType type = MessageTypeParser.parseMessageType(schema);
    Path path = new Path(file.toURI());
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, CONF))
            .withType(type)
            .withConf(CONF)
            .build()) {
      for (Consumer<Group> row : rows) {
        Group group = groups.newGroup();
        row.accept(group);
        writer.write(group);
      }
    }
    return path;
  }

  /** Reads every record of a file with Weft's reader. */
  static List<GenericRecord> readWithWeft(Path path) throws IOException {
    return ParquetFixtures.read(ParquetFixtures.wholeFile(path), ParquetScan.all(), null);
  }

  /** Writes records with Weft's writer, in their own schema. */
  static Path writeWithWeft(File file, List<GenericRecord> records) throws IOException {
    Path path = new Path(file.toURI());
    try (ParquetPartWriter writer =
        ParquetPartWriter.open(
            path, records.get(0).getSchema(), ParquetWriteOptions.defaults(), CONF)) {
      for (GenericRecord record : records) {
        writer.write(record);
      }
    }
    return path;
  }

  /** Reads a file back, then writes it with Weft's writer: what {@code weft.parquet(in)} does. */
  static Path roundTrip(Path in, File out) throws IOException {
    return writeWithWeft(out, readWithWeft(in));
  }

  /** The Parquet schema of a file, from its footer. */
  static MessageType parquetSchema(Path path) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, CONF))) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }

  /** Every record of a file, read with parquet-mr's own group reader (no Avro). */
  static List<Group> readGroups(Path path) throws IOException {
    List<Group> groups = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), path).withConf(CONF).build()) {
      for (Group group = reader.read(); group != null; group = reader.read()) {
        groups.add(group);
      }
    }
    return groups;
  }

  /** The 12 bytes of an INT96 timestamp: nanos of day then Julian day, little-endian. */
  static Binary int96(long epochDay, long nanosOfDay) {
    ByteBuffer bytes = ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    bytes.putLong(nanosOfDay).putInt((int) (epochDay + 2_440_588L));
    return Binary.fromConstantByteArray(bytes.array());
  }

  /** A decimal as Spark writes it into a FIXED_LEN_BYTE_ARRAY of {@code length} bytes. */
  static Binary fixedDecimal(String value, int scale, int length) {
    BigInteger unscaled = new BigDecimal(value).setScale(scale).unscaledValue();
    byte[] minimal = unscaled.toByteArray();
    byte[] bytes = new byte[length];
    byte pad = (byte) (unscaled.signum() < 0 ? 0xff : 0);
    for (int i = 0; i < length; i++) {
      int j = i - (length - minimal.length);
      bytes[i] = j < 0 ? pad : minimal[j];
    }
    return Binary.fromConstantByteArray(bytes);
  }

  /** The decimal value of a field of a group read by parquet-mr, whatever its physical type. */
  static BigDecimal decimal(Group group, String field) {
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

  /** The decimal value of an Avro field read by Weft, through Avro's own decimal conversion. */
  static BigDecimal decimal(GenericRecord record, String field) {
    Object value = record.get(field);
    if (value == null) {
      return null;
    }
    Schema schema = GenericRecordMaterializer.nonNull(record.getSchema().getField(field).schema());
    Conversions.DecimalConversion conversion = new Conversions.DecimalConversion();
    LogicalTypes.Decimal type = (LogicalTypes.Decimal) schema.getLogicalType();
    return value instanceof GenericFixed fixed
        ? conversion.fromFixed(fixed, schema, type)
        : conversion.fromBytes((ByteBuffer) value, schema, type);
  }
}
