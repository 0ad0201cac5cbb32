package dev.weft.hdfs.avro;

import dev.weft.hdfs.input.FileSplit;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Schemas, records and files shared by the Avro tests; files are written with plain Avro. */
final class AvroTestFiles {
  /** An event: id (int), name (string), score (double). */
  static final Schema EVENT =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"dev.weft.test\",\"fields\":["
                  + "{\"name\":\"id\",\"type\":\"int\"},"
                  + "{\"name\":\"name\",\"type\":\"string\"},"
                  + "{\"name\":\"score\",\"type\":\"double\"}]}");

  private AvroTestFiles() {}

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  /** {@code count} events with ids from 0, names of varying lengths and distinct scores. */
  static List<GenericRecord> events(int count) {
    List<GenericRecord> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      GenericRecord event = new GenericData.Record(EVENT);
      event.put("id", i);
      event.put("name", "event-" + "x".repeat(i % 17) + i);
      event.put("score", i * 1.5);
      events.add(event);
    }
    return events;
  }

  /** Writes {@code records} with plain Avro, uncompressed, with the given sync interval. */
  static File writeWithAvro(File file, Schema schema, List<GenericRecord> records, int syncInterval)
      throws IOException {
    return writeWithAvro(file, schema, records, syncInterval, CodecFactory.nullCodec());
  }

  static File writeWithAvro(
      File file, Schema schema, List<GenericRecord> records, int syncInterval, CodecFactory codec)
      throws IOException {
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      writer.setCodec(codec);
      writer.setSyncInterval(syncInterval);
      writer.create(schema, file);
      for (GenericRecord record : records) {
        writer.append(record);
      }
    }
    return file;
  }

  /** Reads every record of {@code file} with plain Avro. */
  static List<GenericRecord> readWithAvro(File file) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(file, new GenericDatumReader<>())) {
      reader.forEach(records::add);
    }
    return records;
  }

  /** The file's path in Hadoop's string form, as split planning gives it. */
  static String pathOf(File file) {
    return new Path(file.toURI()).toString();
  }

  static FileSplit wholeFileSplit(File file) {
    return new FileSplit(pathOf(file), 0, file.length(), null, false);
  }

  /** Reads every record of every split, in order. */
  static List<GenericRecord> readGeneric(List<FileSplit> splits, Configuration conf)
      throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    for (FileSplit split : splits) {
      try (AvroSplitReader<GenericRecord> reader = AvroSplitReader.generic(split, conf)) {
        reader.forEachRemaining(records::add);
      }
    }
    return records;
  }

  /**
   * The offsets of the file's sync markers, in order: the header's first, then one after each
   * block. A container file ends with a sync marker, so its last 16 bytes are the marker.
   */
  static List<Integer> syncMarkerOffsets(File file) throws IOException {
    byte[] bytes = Files.readAllBytes(file.toPath());
    byte[] sync = Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length);
    List<Integer> offsets = new ArrayList<>();
    for (int i = 0; i + 16 <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + 16, sync, 0, 16)) {
        offsets.add(i);
      }
    }
    return offsets;
  }

  /** Overwrites bytes of {@code file} from {@code offset} with {@code replacement}. */
  static void overwrite(File file, int offset, byte... replacement) throws IOException {
    byte[] bytes = Files.readAllBytes(file.toPath());
    System.arraycopy(replacement, 0, bytes, offset, replacement.length);
    Files.write(file.toPath(), bytes);
  }

  /** Cuts {@code file} to its first {@code length} bytes. */
  static void truncate(File file, int length) throws IOException {
    byte[] bytes = Files.readAllBytes(file.toPath());
    Files.write(file.toPath(), Arrays.copyOf(bytes, length));
  }
}
