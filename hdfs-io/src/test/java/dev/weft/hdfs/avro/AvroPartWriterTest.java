package dev.weft.hdfs.avro;

import static dev.weft.hdfs.avro.AvroTestFiles.EVENT;
import static dev.weft.hdfs.avro.AvroTestFiles.events;
import static dev.weft.hdfs.avro.AvroTestFiles.pathOf;
import static dev.weft.hdfs.avro.AvroTestFiles.readGeneric;
import static dev.weft.hdfs.avro.AvroTestFiles.readWithAvro;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.input.SplitPlanner;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Specification of {@link AvroPartWriter} and its codecs. */
public class AvroPartWriterTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final Configuration conf = new Configuration();

  /** The name each codec has in the header of a file, where readers find it. */
  private static final Map<AvroCodec, String> CODEC_IN_HEADER =
      Map.of(
          AvroCodec.SNAPPY, "snappy",
          AvroCodec.ZSTD, "zstandard",
          AvroCodec.DEFLATE, "deflate",
          AvroCodec.NULL, "null");

  @Test
  public void everyCodecRoundTripsThroughWeftAndPlainAvro() throws IOException {
    List<GenericRecord> written = events(3_000);
    for (String name : List.of("snappy", "zstd", "deflate", "gzip", "null", "none", "ZSTD")) {
      File file = new File(tmp.getRoot(), name + ".avro");
      write(file, written, AvroWriteOptions.defaults().withCodec(name).withSyncInterval(2048));

      assertEquals(name, written, readWithAvro(file));
      assertEquals(
          name,
          written,
          readGeneric(new SplitPlanner(conf).withMaxSplitSize(1000).plan(pathOf(file), 1), conf));
      assertEquals(name, CODEC_IN_HEADER.get(AvroCodec.fromName(name)), codecInHeader(file));
    }
  }

  @Test
  public void compressingCodecsMakeSmallerFiles() throws IOException {
    List<GenericRecord> written = events(3_000);
    long uncompressed = write(new File(tmp.getRoot(), "null.avro"), written, options("null"));
    for (String name : List.of("snappy", "zstd", "deflate")) {
      long compressed = write(new File(tmp.getRoot(), name + ".avro"), written, options(name));
      assertTrue(name + ": " + compressed + " < " + uncompressed, compressed < uncompressed);
    }
  }

  @Test
  public void unknownCodecFailsListingTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AvroCodec.fromName("lz4"));
    assertEquals(
        "Unknown Avro codec 'lz4'; valid codecs are snappy, zstd, deflate (or gzip), null (or"
            + " none)",
        e.getMessage());
  }

  @Test
  public void defaultsAreSnappyWithAvrosSyncInterval() {
    assertEquals(AvroCodec.SNAPPY, AvroWriteOptions.defaults().codec());
    assertEquals(
        DataFileConstants.DEFAULT_SYNC_INTERVAL, AvroWriteOptions.defaults().syncIntervalBytes());
  }

  @Test
  public void syncIntervalOutsideAvrosRangeIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> AvroWriteOptions.defaults().withSyncInterval(8));
    assertEquals("Avro sync interval must be from 32 to 1073741824 bytes: 8", e.getMessage());
  }

  @Test
  public void countsRecordsAndBytesAndEndsWithTheFileLength() throws IOException {
    File file = new File(tmp.getRoot(), "part-00000.avro");
    try (AvroPartWriter<GenericRecord> writer = open(file, options("deflate"))) {
      assertEquals(0, writer.recordsWritten());
      for (GenericRecord event : events(1_000)) {
        writer.write(event);
      }
      assertEquals(1_000, writer.recordsWritten());
      writer.close();
      assertEquals(file.length(), writer.bytesWritten());
      assertEquals(new Path(file.toURI()), writer.path());
    }
  }

  @Test
  public void recordThatDoesNotFitTheSchemaFailsNamingFileAndPositionAndWritingGoesOn()
      throws IOException {
    File file = new File(tmp.getRoot(), "part-00000.avro");
    GenericRecord bad = new GenericData.Record(EVENT);
    bad.put("id", 7);
    bad.put("score", 1.0); // name is missing

    try (AvroPartWriter<GenericRecord> writer = open(file, options("snappy"))) {
      writer.write(events(1).get(0));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> writer.write(bad));
      assertEquals(
          "Record 1 does not fit the Avro schema of "
              + new Path(file.toURI())
              + ": null value for (non-nullable) string at Event.name",
          e.getMessage());
      writer.write(events(2).get(1));
    }

    assertEquals(events(2), readWithAvro(file));
  }

  @Test
  public void existingFileIsNotOverwritten() throws IOException {
    File file = tmp.newFile("part-00000.avro");

    assertThrows(FileAlreadyExistsException.class, () -> open(file, options("null")));
  }

  @Test
  public void writingAfterCloseFails() throws IOException {
    File file = new File(tmp.getRoot(), "part-00000.avro");
    AvroPartWriter<GenericRecord> writer = open(file, options("null"));
    writer.close();
    writer.close();

    IOException e = assertThrows(IOException.class, () -> writer.write(events(1).get(0)));
    assertEquals("Avro file " + new Path(file.toURI()) + " is already closed", e.getMessage());
  }

  private static AvroWriteOptions options(String codec) {
    return AvroWriteOptions.defaults().withCodec(codec);
  }

  private AvroPartWriter<GenericRecord> open(File file, AvroWriteOptions options)
      throws IOException {
    return AvroPartWriter.generic(new Path(file.toURI()), EVENT, options, conf);
  }

  private long write(File file, List<GenericRecord> records, AvroWriteOptions options)
      throws IOException {
    try (AvroPartWriter<GenericRecord> writer = open(file, options)) {
      for (GenericRecord record : records) {
        writer.write(record);
      }
    }
    return file.length();
  }

  private static String codecInHeader(File file) throws IOException {
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(file, new GenericDatumReader<>())) {
      return reader.getMetaString(DataFileConstants.CODEC);
    }
  }
}
