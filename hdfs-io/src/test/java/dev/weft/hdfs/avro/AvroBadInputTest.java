package dev.weft.hdfs.avro;

import static dev.weft.hdfs.avro.AvroTestFiles.EVENT;
import static dev.weft.hdfs.avro.AvroTestFiles.events;
import static dev.weft.hdfs.avro.AvroTestFiles.overwrite;
import static dev.weft.hdfs.avro.AvroTestFiles.pathOf;
import static dev.weft.hdfs.avro.AvroTestFiles.readGeneric;
import static dev.weft.hdfs.avro.AvroTestFiles.syncMarkerOffsets;
import static dev.weft.hdfs.avro.AvroTestFiles.truncate;
import static dev.weft.hdfs.avro.AvroTestFiles.wholeFileSplit;
import static dev.weft.hdfs.avro.AvroTestFiles.writeWithAvro;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.CorruptFileException;
import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.SplitPlanner;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of bad input: each kind fails with one {@link CorruptFileException} whose one-line
 * message names the file and the problem, whichever split meets it.
 */
public class AvroBadInputTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final Configuration conf = new Configuration();

  @Test
  public void fileThatIsNotAvroFailsNamingItsFirstBytes() throws IOException {
    File file = tmp.newFile("notes.avro");
    Files.writeString(file.toPath(), "hello, world\n", StandardCharsets.UTF_8);

    CorruptFileException e = failOpening(file);

    assertEquals(
        "Not an Avro data file: " + pathOf(file) + " starts with 0x68656c6c, not with 'Obj' 0x01",
        e.getMessage());
    assertEquals(pathOf(file), e.path());
    assertTrue(e.skippable());
  }

  @Test
  public void emptyFileIsNotAvro() throws IOException {
    File file = tmp.newFile("empty.avro");

    assertEquals(
        "Not an Avro data file: "
            + pathOf(file)
            + " starts with nothing (it is empty), not with"
            + " 'Obj' 0x01",
        failOpening(file).getMessage());
    assertEquals(
        "planning meets the same error",
        "Not an Avro data file: "
            + pathOf(file)
            + " starts with nothing (it is empty), not with"
            + " 'Obj' 0x01",
        assertThrows(CorruptFileException.class, () -> AvroFiles.readSchema(pathOf(file), conf))
            .getMessage());
  }

  @Test
  public void fileTruncatedInsideItsHeaderFails() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(10), 1024);
    truncate(file, 40);

    CorruptFileException e = failOpening(file);

    assertEquals(
        "Truncated Avro file: " + pathOf(file) + " ends inside its header, at byte 40",
        e.getMessage());
    assertTrue(e.skippable());
  }

  @Test
  public void fileTruncatedInsideABlockFailsInTheSplitThatOwnsTheBlock() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(200), 256);
    List<Integer> syncs = syncMarkerOffsets(file);
    int lastBlockStart = syncs.get(syncs.size() - 2) + 16;
    int cut = (int) file.length() - 30;
    truncate(file, cut);
    List<FileSplit> splits = new SplitPlanner(conf).withMaxSplitSize(100).plan(pathOf(file), 1);

    CorruptFileException e =
        assertThrows(CorruptFileException.class, () -> readGeneric(splits, conf));

    assertEquals(
        "Truncated Avro file: "
            + pathOf(file)
            + " ends at byte "
            + cut
            + " inside the block that starts at byte "
            + lastBlockStart,
        e.getMessage());
    assertTrue(e.skippable());
  }

  @Test
  public void badSyncMarkerAfterABlockFails() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(200), 256);
    List<Integer> syncs = syncMarkerOffsets(file);
    int secondBlockStart = syncs.get(1) + 16;
    overwrite(file, syncs.get(2) + 5, (byte) ~Files.readAllBytes(file.toPath())[syncs.get(2) + 5]);

    CorruptFileException e =
        assertThrows(
            CorruptFileException.class, () -> readGeneric(List.of(wholeFileSplit(file)), conf));

    assertEquals(
        "Corrupt Avro file: "
            + pathOf(file)
            + ": bad sync marker after the block at byte "
            + secondBlockStart,
        e.getMessage());
    assertTrue(e.skippable());
  }

  @Test
  public void undecodableDataInABlockFails() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(200), 256);
    int firstBlockStart = syncMarkerOffsets(file).get(0) + 16;
    byte[] garbage = new byte[12];
    Arrays.fill(garbage, (byte) 0xff);
    // Past the block's record count and size, into the first record.
    overwrite(file, firstBlockStart + 4, garbage);

    CorruptFileException e =
        assertThrows(
            CorruptFileException.class, () -> readGeneric(List.of(wholeFileSplit(file)), conf));

    assertTrue(
        e.getMessage(),
        e.getMessage()
            .startsWith(
                "Corrupt Avro file: "
                    + pathOf(file)
                    + ": cannot decode the block at byte "
                    + firstBlockStart
                    + ": "));
    assertFalse(e.getMessage(), e.getMessage().contains("\n"));
    assertTrue(e.skippable());
  }

  @Test
  public void damagedCompressedBlockFails() throws IOException {
    File file =
        writeWithAvro(
            tmp.newFile("events.avro"), EVENT, events(200), 1024, CodecFactory.snappyCodec());
    int firstBlockStart = syncMarkerOffsets(file).get(0) + 16;
    overwrite(file, firstBlockStart + 10, (byte) 0x55, (byte) 0xaa, (byte) 0x55, (byte) 0xaa);

    CorruptFileException e =
        assertThrows(
            CorruptFileException.class, () -> readGeneric(List.of(wholeFileSplit(file)), conf));

    assertTrue(
        e.getMessage(),
        e.getMessage()
            .startsWith(
                "Corrupt Avro file: "
                    + pathOf(file)
                    + ": cannot decode the block at byte "
                    + firstBlockStart));
  }

  @Test
  public void unreadableHeaderFails() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(3), 1024);
    byte[] bytes = Files.readAllBytes(file.toPath());
    int schemaStart = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("{\"type\"");
    overwrite(file, schemaStart, (byte) '[');

    CorruptFileException e = failOpening(file);

    assertTrue(
        e.getMessage(),
        e.getMessage()
            .startsWith("Corrupt Avro file: " + pathOf(file) + " has an unreadable header: "));
    assertFalse(e.getMessage(), e.getMessage().contains("\n"));
  }

  @Test
  public void failureIsThrownAgainOnLaterCalls() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(200), 256);
    truncate(file, (int) file.length() - 30);

    try (AvroSplitReader<GenericRecord> reader =
        AvroSplitReader.generic(wholeFileSplit(file), conf)) {
      CorruptFileException first =
          assertThrows(CorruptFileException.class, () -> reader.forEachRemaining(r -> {}));
      assertSame(first, assertThrows(CorruptFileException.class, reader::hasNext));
      assertSame(first, assertThrows(CorruptFileException.class, reader::next));
    }
  }

  @Test
  public void fileOfValuesThatAreNotRecordsIsRefusedAsGenericRecords() throws IOException {
    File file = tmp.newFile("names.avro");
    Schema string = Schema.create(Schema.Type.STRING);
    try (DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>(string))) {
      writer.create(string, file);
      writer.append("Ada");
    }

    CorruptFileException e = failOpening(file);

    assertEquals(
        "Avro file " + pathOf(file) + " holds values of type string, not records", e.getMessage());
    assertFalse(e.skippable());
  }

  private CorruptFileException failOpening(File file) {
    return assertThrows(
        CorruptFileException.class, () -> AvroSplitReader.generic(wholeFileSplit(file), conf));
  }
}
