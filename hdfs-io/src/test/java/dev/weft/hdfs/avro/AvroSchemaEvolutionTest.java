package dev.weft.hdfs.avro;

import static dev.weft.hdfs.avro.AvroTestFiles.EVENT;
import static dev.weft.hdfs.avro.AvroTestFiles.events;
import static dev.weft.hdfs.avro.AvroTestFiles.parse;
import static dev.weft.hdfs.avro.AvroTestFiles.pathOf;
import static dev.weft.hdfs.avro.AvroTestFiles.wholeFileSplit;
import static dev.weft.hdfs.avro.AvroTestFiles.writeWithAvro;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.weft.hdfs.CorruptFileException;
import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.SplitPlanner;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.hadoop.conf.Configuration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of reading with a reader schema: Avro's schema resolution applies, and a reader
 * schema that cannot read a file is refused before any record is read, naming the file.
 */
public class AvroSchemaEvolutionTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final Configuration conf = new Configuration();

  /** EVENT with a field "country" added, defaulting to "unknown". */
  private static final Schema WITH_COUNTRY =
      parse(
          "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"dev.weft.test\",\"fields\":["
              + "{\"name\":\"id\",\"type\":\"int\"},"
              + "{\"name\":\"name\",\"type\":\"string\"},"
              + "{\"name\":\"score\",\"type\":\"double\"},"
              + "{\"name\":\"country\",\"type\":\"string\",\"default\":\"unknown\"}]}");

  /** EVENT without its "name" field, and with "id" promoted from int to long. */
  private static final Schema LONG_ID_WITHOUT_NAME =
      parse(
          "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"dev.weft.test\",\"fields\":["
              + "{\"name\":\"id\",\"type\":\"long\"},"
              + "{\"name\":\"score\",\"type\":\"double\"}]}");

  /** EVENT with a field added without a default, which old files cannot fill. */
  private static final Schema WITH_REQUIRED_COUNTRY =
      parse(
          "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"dev.weft.test\",\"fields\":["
              + "{\"name\":\"id\",\"type\":\"int\"},"
              + "{\"name\":\"country\",\"type\":\"string\"}]}");

  @Test
  public void addedFieldWithDefaultIsFilledWithTheDefault() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(20), 256);

    List<GenericRecord> read = read(file, WITH_COUNTRY);

    assertEquals(20, read.size());
    for (int i = 0; i < read.size(); i++) {
      GenericRecord record = read.get(i);
      assertEquals(WITH_COUNTRY, record.getSchema());
      assertEquals(i, record.get("id"));
      assertEquals(events(20).get(i).get("name"), record.get("name").toString());
      assertEquals(new Utf8("unknown"), record.get("country"));
    }
  }

  @Test
  public void removedFieldIsDroppedAndIntIsPromotedToLong() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(20), 256);

    List<GenericRecord> read = read(file, LONG_ID_WITHOUT_NAME);

    assertEquals(20, read.size());
    for (int i = 0; i < read.size(); i++) {
      GenericRecord record = read.get(i);
      assertEquals(LONG_ID_WITHOUT_NAME, record.getSchema());
      assertEquals((long) i, record.get("id"));
      assertEquals(i * 1.5, record.get("score"));
      assertFalse(record.hasField("name"));
    }
  }

  @Test
  public void readerSchemaAppliesAcrossManySplitsOfFilesWithDifferentWriterSchemas()
      throws IOException {
    File oldFile = writeWithAvro(tmp.newFile("a-old.avro"), EVENT, events(200), 64);
    GenericRecord newer = new org.apache.avro.generic.GenericData.Record(WITH_COUNTRY);
    newer.put("id", 1000);
    newer.put("name", "new");
    newer.put("score", 2.0);
    newer.put("country", "NZ");
    File newFile = writeWithAvro(tmp.newFile("b-new.avro"), WITH_COUNTRY, List.of(newer), 64);
    List<FileSplit> splits =
        new SplitPlanner(conf)
            .withMaxSplitSize(150)
            .plan(List.of(pathOf(oldFile), pathOf(newFile)), 1);

    List<Object> countries = new ArrayList<>();
    for (FileSplit split : splits) {
      try (AvroSplitReader<GenericRecord> reader =
          AvroSplitReader.generic(split, WITH_COUNTRY, conf)) {
        reader.forEachRemaining(record -> countries.add(record.get("country").toString()));
      }
    }

    assertEquals(201, countries.size());
    assertEquals(200, countries.stream().filter("unknown"::equals).count());
    assertEquals("NZ", countries.get(200));
  }

  @Test
  public void readerSchemaThatCannotReadTheFileIsRefusedNamingFileAndField() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(5), 256);

    CorruptFileException e =
        assertThrows(
            CorruptFileException.class,
            () -> AvroSplitReader.generic(wholeFileSplit(file), WITH_REQUIRED_COUNTRY, conf));

    assertEquals(
        "Avro reader schema dev.weft.test.Event cannot read file "
            + pathOf(file)
            + ": READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1: country",
        e.getMessage());
    assertEquals(pathOf(file), e.path());
    assertFalse("a schema mismatch is not a damaged file", e.skippable());
  }

  @Test
  public void incompatibleTypeIsNamedWithItsLocation() {
    Schema stringId =
        parse(
            "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"dev.weft.test\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\"}]}");

    CorruptFileException e =
        assertThrows(
            CorruptFileException.class,
            () -> AvroFiles.checkReaderSchema("hdfs://nn/events.avro", EVENT, stringId));

    assertEquals(
        "Avro reader schema dev.weft.test.Event cannot read file hdfs://nn/events.avro:"
            + " TYPE_MISMATCH at /fields/0/type: reader type: STRING not compatible with writer"
            + " type: INT",
        e.getMessage());
  }

  @Test
  public void planningReadsAFilesSchemaAndChecksAReaderSchemaAgainstIt() throws IOException {
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(5), 256);

    assertEquals(EVENT, AvroFiles.readSchema(pathOf(file), conf));
    assertEquals(EVENT, AvroFiles.checkReaderSchema(pathOf(file), WITH_COUNTRY, conf));
    assertThrows(
        CorruptFileException.class,
        () -> AvroFiles.checkReaderSchema(pathOf(file), WITH_REQUIRED_COUNTRY, conf));
  }

  @Test
  public void unionWithNullDefaultReadsAsNullFromOldFiles() throws IOException {
    Schema withOptionalTag =
        parse(
            "{\"type\":\"record\",\"name\":\"Event\",\"namespace\":\"dev.weft.test\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"int\"},"
                + "{\"name\":\"tag\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
    File file = writeWithAvro(tmp.newFile("events.avro"), EVENT, events(3), 256);

    for (GenericRecord record : read(file, withOptionalTag)) {
      assertNull(record.get("tag"));
    }
  }

  private List<GenericRecord> read(File file, Schema readerSchema) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (AvroSplitReader<GenericRecord> reader =
        AvroSplitReader.generic(wholeFileSplit(file), readerSchema, conf)) {
      assertEquals(readerSchema, reader.readerSchema());
      reader.forEachRemaining(records::add);
    }
    return records;
  }
}
