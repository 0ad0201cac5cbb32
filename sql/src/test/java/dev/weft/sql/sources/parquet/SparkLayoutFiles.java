package dev.weft.sql.sources.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes Parquet files through parquet-mr's example writer, in the layouts Spark writes. */
public final class SparkLayoutFiles {
  private SparkLayoutFiles() {}

  /** Writes one group per element of {@code rows}, filled by its consumer. */
  public static void write(
      String file, String schema, long rowGroupBytes, List<Consumer<Group>> rows)
      throws IOException {
    MessageType type = MessageTypeParser.parseMessageType(schema);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new Path(file))
            .withConf(new Configuration())
            .withType(type)
            .withRowGroupSize(rowGroupBytes)
            .withPageSize(1024)
            .withDictionaryEncoding(true)
            .build()) {
      for (Consumer<Group> r : rows) {
        Group g = groups.newGroup();
        r.accept(g);
        w.write(g);
      }
    }
  }

  /** An INT96 timestamp of Impala's layout: nanoseconds of the day, then the Julian day. */
  public static Binary int96(long epochMicros) {
    long days = Math.floorDiv(epochMicros, 86_400_000_000L);
    long nanos = Math.floorMod(epochMicros, 86_400_000_000L) * 1000;
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(nanos);
    b.putInt((int) (days + 2_440_588L));
    return Binary.fromConstantByteArray(b.array());
  }
}
