package dev.weft.engine;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecordBase;

/** A specific Avro record, written by hand as the Avro compiler would generate it. */
public class Visit extends SpecificRecordBase {
  public static final Schema SCHEMA$ =
      SchemaBuilder.record("Visit")
          .namespace("dev.weft.engine")
          .fields()
          .requiredLong("user")
          .requiredString("page")
          .endRecord();

  private long user;
  private CharSequence page;

  public Visit() {}

  public Visit(long user, String page) {
    this.user = user;
    this.page = page;
  }

  public long user() {
    return user;
  }

  public String page() {
    return page.toString();
  }

  @Override
  public Schema getSchema() {
    return SCHEMA$;
  }

  @Override
  public Object get(int field) {
    return field == 0 ? user : page;
  }

  @Override
  public void put(int field, Object value) {
    if (field == 0) {
      user = (Long) value;
    } else {
      page = (CharSequence) value;
    }
  }
}
