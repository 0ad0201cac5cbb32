package dev.weft.sql.sources.avro;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.DataFrame;
import dev.weft.sql.Row;
import dev.weft.sql.TestSessions;
import dev.weft.sql.WeftSession;
import java.io.File;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AvroReadTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();

  private static final Schema SCHEMA =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"Sale\",\"fields\":["
                  + "{\"name\":\"id\",\"type\":\"long\"},"
                  + "{\"name\":\"name\",\"type\":[\"null\",\"string\"]},"
                  + "{\"name\":\"day\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}},"
                  + "{\"name\":\"at\",\"type\":{\"type\":\"long\","
                  + "\"logicalType\":\"timestamp-millis\"}},"
                  + "{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\","
                  + "\"precision\":12,\"scale\":2}},"
                  + "{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"K\","
                  + "\"symbols\":[\"A\",\"B\"]}},"
                  + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},"
                  + "{\"name\":\"attrs\",\"type\":{\"type\":\"map\",\"values\":\"int\"}},"
                  + "{\"name\":\"shop\",\"type\":{\"type\":\"record\",\"name\":\"Shop\","
                  + "\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}}]}");

  @Test
  public void readsAvroWithLogicalTypesAsTheirSqlTypes() throws Exception {
    File file = new File(tmp.getRoot(), "sales/part-0.avro");
    file.getParentFile().mkdirs();
    GenericRecord shop = new GenericData.Record(SCHEMA.getField("shop").schema());
    shop.put("city", "Lyon");
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("id", 7L);
    r.put("name", null);
    r.put("day", 19_000);
    r.put("at", 1_700_000_000_123L);
    r.put("amount", ByteBuffer.wrap(new BigDecimal("12.34").unscaledValue().toByteArray()));
    r.put("kind", new GenericData.EnumSymbol(SCHEMA.getField("kind").schema(), "B"));
    r.put("tags", List.of("x", "y"));
    r.put("attrs", Map.of("k", 1));
    r.put("shop", shop);
    try (DataFileWriter<GenericRecord> w =
        new DataFileWriter<GenericRecord>(new GenericDatumWriter<>(SCHEMA))) {
      w.create(SCHEMA, file);
      w.append(r);
    }

    DataFrame df = session.read().avro(file.getParent());
    assertEquals(
        "struct<id:bigint,name:string,day:date,at:timestamp,amount:decimal(12,2),kind:string,"
            + "tags:array<string>,attrs:map<string,int>,shop:struct<city:string>>",
        df.schema().simpleString());
    Row row = df.collect().get(0);
    assertEquals(7L, row.get(0));
    assertEquals(null, row.get(1));
    assertEquals(LocalDate.ofEpochDay(19_000), row.get(2));
    assertEquals(Instant.ofEpochMilli(1_700_000_000_123L), row.get(3));
    assertEquals(new BigDecimal("12.34"), row.get(4));
    assertEquals("B", row.get(5));
    assertEquals(List.of("x", "y"), row.get(6));
    assertEquals(Map.of("k", 1), row.get(7));
    assertEquals("[Lyon]", row.get(8).toString());
    assertEquals("[[7,B]]", df.select("id", "kind").collect().toString());
  }

  @Test
  public void aUnionOfSeveralTypesFailsNamingTheFileAndField() throws Exception {
    Schema s =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
                    + "{\"name\":\"u\",\"type\":[\"int\",\"string\"]}]}");
    File file = new File(tmp.getRoot(), "u.avro");
    try (DataFileWriter<GenericRecord> w =
        new DataFileWriter<GenericRecord>(new GenericDatumWriter<>(s))) {
      w.create(s, file);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> session.read().avro(file.getPath()));
    assertTrue(e.getMessage(), e.getMessage().contains("u.avro: field u is a union"));
  }
}
