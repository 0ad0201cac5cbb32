package dev.weft.hdfs.avro;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A hand-written Avro specific record, as Avro's code generator would make it (without builders):
 * the schema's full name is the class's name, so that Avro instantiates it when reading.
 */
public final class Person extends SpecificRecordBase {
  public static final Schema SCHEMA$ =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Person\",\"namespace\":\"dev.weft.hdfs.avro\","
                  + "\"fields\":["
                  + "{\"name\":\"name\",\"type\":\"string\"},"
                  + "{\"name\":\"age\",\"type\":\"int\"},"
                  + "{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null}]}");

  private String name;
  private int age;
  private String email;

  /** Used by Avro when reading. */
  public Person() {}

  public Person(String name, int age, String email) {
    this.name = name;
    this.age = age;
    this.email = email;
  }

  public String name() {
    return name;
  }

  public int age() {
    return age;
  }

  public String email() {
    return email;
  }

  @Override
  public Schema getSchema() {
    return SCHEMA$;
  }

  @Override
  public Object get(int field) {
    return switch (field) {
      case 0 -> name;
      case 1 -> age;
      case 2 -> email;
      default -> throw new IndexOutOfBoundsException("Person has no field " + field);
    };
  }

  @Override
  public void put(int field, Object value) {
    switch (field) {
      case 0 -> name = value.toString();
      case 1 -> age = (Integer) value;
      case 2 -> email = value == null ? null : value.toString();
      default -> throw new IndexOutOfBoundsException("Person has no field " + field);
    }
  }
}
