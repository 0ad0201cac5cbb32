package dev.weft.hdfs.avro;

import static dev.weft.hdfs.avro.AvroTestFiles.EVENT;
import static dev.weft.hdfs.avro.AvroTestFiles.events;
import static dev.weft.hdfs.avro.AvroTestFiles.pathOf;
import static dev.weft.hdfs.avro.AvroTestFiles.readGeneric;
import static dev.weft.hdfs.avro.AvroTestFiles.wholeFileSplit;
import static dev.weft.hdfs.avro.AvroTestFiles.writeWithAvro;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.SplitPlanner;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of {@link AvroSplitReader} over generic records: every record of a file is read
 * exactly once across its splits, whatever the boundaries.
 */
public class AvroSplitReaderTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final Configuration conf = new Configuration();

  @Test
  public void fileWrittenByPlainAvroReadsBackExactly() throws IOException {
    List<GenericRecord> written = events(500);
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, written, 4096);

    assertEquals(written, readGeneric(List.of(wholeFileSplit(file)), conf));
  }

  @Test
  public void readerExposesTheWriterSchemaAndCountsRecordsAndBytes() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(300), 1024);

    try (AvroSplitReader<GenericRecord> reader =
        AvroSplitReader.generic(wholeFileSplit(file), conf)) {
      assertEquals(EVENT, reader.writerSchema());
      assertEquals(EVENT, reader.readerSchema());
      assertEquals(0, reader.recordsRead());
      int count = 0;
      while (reader.hasNext()) {
        reader.next();
        count++;
      }
      assertEquals(300, count);
      assertEquals(300, reader.recordsRead());
      assertEquals("the whole file, read once", file.length(), reader.bytesRead());
    }
  }

  @Test
  public void fileCutIntoManyTinySplitsReadsEveryRecordExactlyOnce() throws IOException {
    List<GenericRecord> written = events(2_000);
    File file =
        writeWithAvro(tmp.newFile("events.avro"), EVENT, written, DataFileConstants.SYNC_SIZE * 2);
    assertTrue(
        "many blocks, several per split",
        AvroTestFiles.syncMarkerOffsets(file).size() > file.length() / 200 * 2);

    List<FileSplit> splits = new SplitPlanner(conf).withMaxSplitSize(200).plan(pathOf(file), 1);
    assertTrue(splits.size() > 100);

    assertEquals(written, readGeneric(splits, conf));
  }

  @Test
  public void everyCutPositionOfTwoSplitsReadsEachRecordOnce() throws IOException {
    List<GenericRecord> written = events(60);
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, written, 100);
    String path = pathOf(file);
    long length = file.length();

    for (long cut = 1; cut < length; cut++) {
      List<FileSplit> splits =
          List.of(
              new FileSplit(path, 0, cut, null, false),
              new FileSplit(path, cut, length - cut, null, false));
      assertEquals("cut at " + cut + " of " + length, written, readGeneric(splits, conf));
    }
  }

  @Test
  public void splitsOfOneByteEachReadEveryRecordOnce() throws IOException {
    List<GenericRecord> written = events(40);
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, written, 64);
    List<FileSplit> splits = new SplitPlanner(conf).withMaxSplitSize(1).plan(pathOf(file), 1);

    assertEquals(file.length(), splits.size());
    assertEquals(written, readGeneric(splits, conf));
  }

  @Test
  public void splitWithoutASyncMarkerReadsNothing() throws IOException {
    List<GenericRecord> written = events(1_000);
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, written, 64_000);
    List<Integer> syncs = AvroTestFiles.syncMarkerOffsets(file);
    int betweenMarkers = syncs.get(0) + 20;
    assertTrue(syncs.get(1) > betweenMarkers + 10);

    FileSplit inside = new FileSplit(pathOf(file), betweenMarkers, 10, null, false);

    assertEquals(List.of(), readGeneric(List.of(inside), conf));
  }

  @Test
  public void splitStartingAtOrBeyondTheEndOfTheFileReadsNothing() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(10), 1024);
    String path = pathOf(file);

    assertEquals(
        List.of(),
        readGeneric(
            List.of(
                new FileSplit(path, file.length(), 100, null, false),
                new FileSplit(path, file.length() + 100, 100, null, false)),
            conf));
  }

  @Test
  public void wholeFileSplitReadsTheWholeFileWhateverItsLength() throws IOException {
    List<GenericRecord> written = events(100);
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, written, 64);

    assertEquals(
        written, readGeneric(List.of(new FileSplit(pathOf(file), 0, 1, null, true)), conf));
  }

  @Test
  public void fileWithoutRecordsReadsNothing() throws IOException {
    File file = writeWithAvro(tmp.newFile("empty.avro"), EVENT, List.of(), 1024);

    try (AvroSplitReader<GenericRecord> reader =
        AvroSplitReader.generic(wholeFileSplit(file), conf)) {
      assertEquals(EVENT, reader.writerSchema());
      assertFalse(reader.hasNext());
    }
  }

  @Test
  public void nextPastTheEndThrowsNoSuchElement() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(1), 1024);

    try (AvroSplitReader<GenericRecord> reader =
        AvroSplitReader.generic(wholeFileSplit(file), conf)) {
      reader.next();
      assertThrows(NoSuchElementException.class, reader::next);
    }
  }

  @Test
  public void recordsReturnedAreNotReused() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(3), 1024);
    List<GenericRecord> kept = new ArrayList<>();

    try (AvroSplitReader<GenericRecord> reader =
        AvroSplitReader.generic(wholeFileSplit(file), conf)) {
      reader.forEachRemaining(kept::add);
    }

    assertEquals(events(3), kept);
  }

  @Test
  public void closeIsIdempotentAndEndsIteration() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(10), 1024);
    AvroSplitReader<GenericRecord> reader = AvroSplitReader.generic(wholeFileSplit(file), conf);
    reader.next();

    reader.close();
    reader.close();

    assertFalse(reader.hasNext());
  }

  @Test
  public void missingFileFailsNamingIt() {
    File missing = new File(tmp.getRoot(), "missing.avro");

    FileNotFoundException e =
        assertThrows(
            FileNotFoundException.class,
            () -> AvroSplitReader.generic(wholeFileSplit(missing), conf));
    assertEquals("Input file does not exist: " + pathOf(missing), e.getMessage());
  }
}
