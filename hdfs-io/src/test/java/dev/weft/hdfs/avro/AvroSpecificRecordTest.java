package dev.weft.hdfs.avro;

import static dev.weft.hdfs.avro.AvroTestFiles.parse;
import static dev.weft.hdfs.avro.AvroTestFiles.pathOf;
import static dev.weft.hdfs.avro.AvroTestFiles.wholeFileSplit;
import static dev.weft.hdfs.avro.AvroTestFiles.writeWithAvro;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.hdfs.input.FileSplit;
import dev.weft.hdfs.input.SplitPlanner;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Specification of reading and writing Avro specific records, here the hand-written {@link Person}.
 */
public class AvroSpecificRecordTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final Configuration conf = new Configuration();

  @Test
  public void specificRecordsRoundTripThroughManySplits() throws IOException {
    List<Person> people = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      people.add(new Person("person " + i, 20 + i % 60, i % 3 == 0 ? null : "p" + i + "@x.org"));
    }
    File file = new File(tmp.getRoot(), "people.avro");
    AvroWriteOptions options = AvroWriteOptions.defaults().withSyncInterval(64);
    try (AvroPartWriter<Person> writer =
        AvroPartWriter.specific(new Path(file.toURI()), Person.class, options, conf)) {
      for (Person person : people) {
        writer.write(person);
      }
    }

    List<Person> read = new ArrayList<>();
    for (FileSplit split : new SplitPlanner(conf).withMaxSplitSize(300).plan(pathOf(file), 1)) {
      try (AvroSplitReader<Person> reader = AvroSplitReader.specific(split, Person.class, conf)) {
        assertEquals(Person.SCHEMA$, reader.readerSchema());
        reader.forEachRemaining(read::add);
      }
    }

    assertEquals(people, read);
    assertEquals("person 7", read.get(7).name());
    assertEquals("p7@x.org", read.get(7).email());
  }

  @Test
  public void specificClassReadsAnOlderFileThatLacksAFieldWithDefault() throws IOException {
    Schema personV1 =
        parse(
            "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"dev.weft.hdfs.avro\","
                + "\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"age\",\"type\":\"int\"}]}");
    GenericRecord ada = new GenericData.Record(personV1);
    ada.put("name", "Ada");
    ada.put("age", 36);
    File file = writeWithAvro(tmp.newFile("people-v1.avro"), personV1, List.of(ada), 1024);

    try (AvroSplitReader<Person> reader =
        AvroSplitReader.specific(wholeFileSplit(file), Person.class, conf)) {
      assertEquals(personV1, reader.writerSchema());
      Person person = reader.next();
      assertEquals("Ada", person.name());
      assertEquals(36, person.age());
      assertNull(person.email());
    }
  }

  @Test
  public void classWhoseSchemaNameIsNotItsOwnIsRefused() throws IOException {
    File file = writeWithAvro(tmp.newFile("people.avro"), Misnamed.SCHEMA$, List.of(), 1024);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AvroSplitReader.specific(wholeFileSplit(file), Misnamed.class, conf));
    assertTrue(
        e.getMessage(),
        e.getMessage()
            .startsWith(
                "Avro record class dev.weft.hdfs.avro.AvroSpecificRecordTest$Misnamed has a"
                    + " schema named dev.weft.hdfs.avro.Person, which Avro maps to"
                    + " dev.weft.hdfs.avro.Person"));
  }

  /** A specific record class whose schema carries another class's name. */
  public static final class Misnamed extends SpecificRecordBase {
    public static final Schema SCHEMA$ = Person.SCHEMA$;

    @Override
    public Schema getSchema() {
      return SCHEMA$;
    }

    @Override
    public Object get(int field) {
      return null;
    }

    @Override
    public void put(int field, Object value) {}
  }
}
