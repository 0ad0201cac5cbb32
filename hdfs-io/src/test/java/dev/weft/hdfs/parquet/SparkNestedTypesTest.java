package dev.weft.hdfs.parquet;

import static dev.weft.hdfs.parquet.SparkLayouts.decimal;
import static dev.weft.hdfs.parquet.SparkLayouts.parquetSchema;
import static dev.weft.hdfs.parquet.SparkLayouts.readGroups;
import static dev.weft.hdfs.parquet.SparkLayouts.readWithWeft;
import static dev.weft.hdfs.parquet.SparkLayouts.roundTrip;
import static dev.weft.hdfs.parquet.SparkLayouts.write;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.weft.hdfs.CorruptFileException;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Lists, maps and structs in Spark's layouts and in the legacy list layouts of older writers are
 * read as Avro arrays, maps and records, and written back in the standard layouts Spark writes.
 */
public class SparkNestedTypesTest {
  private static final String TAGS =
      "optional group tags (LIST) {\n"
          + "  repeated group list {\n"
          + "    optional binary element (STRING);\n"
          + "  }\n"
          + "}";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void arrayOfStringsIsReadAsAnArrayAndWrittenBackInThe3LevelLayout() throws IOException {
    Path in =
        write(
            file("in.parquet"),
            "message spark_schema { required int64 id; " + TAGS + " }",
            List.of(
                row -> {
                  Group tags = row.append("id", 0L).addGroup("tags");
                  tags.addGroup("list").append("element", "a");
                  tags.addGroup("list");
                  tags.addGroup("list").append("element", "b");
                },
                row -> row.append("id", 1L).addGroup("tags"),
                row -> row.append("id", 2L)));

    List<GenericRecord> read = readWithWeft(in);
    assertEquals(Arrays.asList("a", null, "b"), strings(read.get(0).get("tags")));
    assertEquals(List.of(), strings(read.get(1).get("tags")));
    assertNull(read.get(2).get("tags"));

    Path out = roundTrip(in, file("out.parquet"));
    assertEquals("Weft reads back what it wrote", readWithWeft(in), readWithWeft(out));
    assertEquals(
        MessageTypeParser.parseMessageType("message m { " + TAGS + " }").getType("tags"),
        parquetSchema(out).getType("tags"));
    List<Group> rows = readGroups(out);
    Group tags = rows.get(0).getGroup("tags", 0);
    assertEquals(3, tags.getFieldRepetitionCount("list"));
    assertEquals("a", tags.getGroup("list", 0).getString("element", 0));
    assertEquals(0, tags.getGroup("list", 1).getFieldRepetitionCount("element"));
    assertEquals("b", tags.getGroup("list", 2).getString("element", 0));
    assertEquals(0, rows.get(1).getGroup("tags", 0).getFieldRepetitionCount("list"));
    assertEquals(0, rows.get(2).getFieldRepetitionCount("tags"));
  }

  @Test
  public void mapsStructsAndArraysOfStructsKeepTheirShapeAndValues() throws IOException {
    Path in =
        write(
            file("in.parquet"),
            "message spark_schema {\n"
                + "  optional group address {\n"
                + "    optional binary city (STRING);\n"
                + "    optional int32 zip;\n"
                + "  }\n"
                + "  optional group scores (MAP) {\n"
                + "    repeated group key_value {\n"
                + "      required binary key (STRING);\n"
                + "      optional int32 value;\n"
                + "    }\n"
                + "  }\n"
                + "  optional group items (LIST) {\n"
                + "    repeated group list {\n"
                + "      optional group element {\n"
                + "        optional binary sku (STRING);\n"
                + "        optional int64 price (DECIMAL(10,2));\n"
                + "      }\n"
                + "    }\n"
                + "  }\n"
                + "}",
            List.of(
                row -> {
                  row.addGroup("address").append("city", "Lyon").append("zip", 69001);
                  Group scores = row.addGroup("scores");
                  scores.addGroup("key_value").append("key", "math").append("value", 17);
                  scores.addGroup("key_value").append("key", "art");
                  Group items = row.addGroup("items");
                  items
                      .addGroup("list")
                      .addGroup("element")
                      .append("sku", "x1")
                      .append("price", 1999L);
                  items.addGroup("list");
                },
                row -> {}));

    List<GenericRecord> read = readWithWeft(in);
    GenericRecord first = read.get(0);
    assertEquals("Lyon", ((GenericRecord) first.get("address")).get("city").toString());
    Map<String, Object> scores = new LinkedHashMap<>();
    ((Map<?, ?>) first.get("scores")).forEach((k, v) -> scores.put(k.toString(), v));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("math", 17);
    expected.put("art", null);
    assertEquals(expected, scores);
    List<?> items = (List<?>) first.get("items");
    assertEquals(2, items.size());
    assertEquals(new BigDecimal("19.99"), decimal((GenericRecord) items.get(0), "price"));
    assertNull(items.get(1));
    for (String field : List.of("address", "scores", "items")) {
      assertNull(field, read.get(1).get(field));
    }

    Path out = roundTrip(in, file("out.parquet"));
    assertEquals("Weft reads back what it wrote", readWithWeft(in), readWithWeft(out));
    MessageType written = parquetSchema(out);
    GroupType map = written.getType("scores").asGroupType();
    assertEquals(LogicalTypeAnnotation.mapType(), map.getLogicalTypeAnnotation());
    assertEquals("key_value", map.getType(0).getName());
    assertEquals(List.of("key", "value"), names(map.getType(0).asGroupType()));
    GroupType list = written.getType("items").asGroupType();
    assertEquals(LogicalTypeAnnotation.listType(), list.getLogicalTypeAnnotation());
    assertEquals("list", list.getType(0).getName());
    GroupType element = list.getType(0).asGroupType().getType(0).asGroupType();
    assertEquals("element", element.getName());
    assertEquals(
        LogicalTypeAnnotation.decimalType(2, 10),
        element.getType("price").getLogicalTypeAnnotation());
    Group row = readGroups(out).get(0);
    assertEquals("Lyon", row.getGroup("address", 0).getString("city", 0));
    Group entries = row.getGroup("scores", 0);
    assertEquals("math", entries.getGroup("key_value", 0).getString("key", 0));
    assertEquals(17, entries.getGroup("key_value", 0).getInteger("value", 0));
    assertEquals(0, entries.getGroup("key_value", 1).getFieldRepetitionCount("value"));
    Group item = row.getGroup("items", 0).getGroup("list", 0).getGroup("element", 0);
    assertEquals(new BigDecimal("19.99"), decimal(item, "price"));
  }

  @Test
  public void legacyListLayoutsAreReadAsArraysAndWrittenBackInThe3LevelLayout() throws IOException {
    Path in =
        write(
            file("legacy.parquet"),
            "message hive_schema {\n"
                // parquet-avro before 1.6 and Weft before issue 13: 2-level, repeated "array"
                + "  optional group avro_old (LIST) { repeated binary array (STRING); }\n"
                // 2-level with a primitive element of another name
                + "  optional group prim (LIST) { repeated int32 element; }\n"
                // 2-level whose element is a struct named "array"
                + "  optional group structs (LIST) {\n"
                + "    repeated group array { optional binary name (STRING); }\n"
                + "  }\n"
                // parquet-thrift: <name>_tuple
                + "  optional group thrift (LIST) { repeated group thrift_tuple { required int32 x; } }\n"
                // Hive: 3-level with names of its own
                + "  optional group hive (LIST) { repeated group bag { optional int32 array_element; } }\n"
                // a repeated field outside any list
                + "  repeated int32 bare;\n"
                + "}",
            List.of(
                row -> {
                  row.addGroup("avro_old").append("array", "x").append("array", "y");
                  row.addGroup("prim").append("element", 1).append("element", 2);
                  row.addGroup("structs").addGroup("array").append("name", "n");
                  row.addGroup("thrift").addGroup("thrift_tuple").append("x", 7);
                  Group hive = row.addGroup("hive");
                  hive.addGroup("bag").append("array_element", 3);
                  hive.addGroup("bag");
                  row.append("bare", 4).append("bare", 5);
                }));

    GenericRecord read = readWithWeft(in).get(0);
    assertEquals(List.of("x", "y"), strings(read.get("avro_old")));
    assertEquals(List.of(1, 2), read.get("prim"));
    GenericRecord struct = (GenericRecord) ((List<?>) read.get("structs")).get(0);
    assertEquals("n", struct.get("name").toString());
    assertEquals(7, ((GenericRecord) ((List<?>) read.get("thrift")).get(0)).get("x"));
    assertEquals(Arrays.asList(3, null), read.get("hive"));
    assertEquals(List.of(4, 5), read.get("bare"));

    Path out = roundTrip(in, file("out.parquet"));
    assertEquals("Weft reads back what it wrote", readWithWeft(in), readWithWeft(out));
    MessageType written = parquetSchema(out);
    for (String column : List.of("avro_old", "prim", "structs", "thrift", "hive", "bare")) {
      GroupType list = written.getType(column).asGroupType();
      assertEquals(column, LogicalTypeAnnotation.listType(), list.getLogicalTypeAnnotation());
      assertEquals(column, "list", list.getType(0).getName());
      assertEquals(column, "element", list.getType(0).asGroupType().getType(0).getName());
    }
    Group row = readGroups(out).get(0);
    Group names = row.getGroup("structs", 0).getGroup("list", 0).getGroup("element", 0);
    assertEquals("n", names.getString("name", 0));
    Group bare = row.getGroup("bare", 0);
    assertEquals(5, bare.getGroup("list", 1).getInteger("element", 0));
  }

  @Test
  public void filesOfParquetAvrosOld2LevelListsAreReadAndWrittenBack3Level() throws IOException {
    List<GenericRecord> customers = ParquetFixtures.customers(10, 0);
    Path in = new Path(file("old.parquet").toURI());
    Configuration oldLists = new Configuration(ParquetFixtures.CONF);
    oldLists.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, true);
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(in, oldLists))
            .withConf(oldLists)
            .withSchema(ParquetFixtures.CUSTOMER)
            .build()) {
      for (GenericRecord customer : customers) {
        writer.write(customer);
      }
    }
    assertEquals("array", parquetSchema(in).getType("tags").asGroupType().getType(0).getName());

    assertEquals(customers, readWithWeft(in));
    Path out = roundTrip(in, file("out.parquet"));
    GroupType tags = parquetSchema(out).getType("tags").asGroupType();
    assertEquals("list", tags.getType(0).getName());
    assertEquals(customers, readWithWeft(out));
    assertEquals(customers, ParquetFixtures.readWithParquetAvro(out));
  }

  @Test
  public void mapWithNonStringKeysFailsInOneLineOnlyWhenItIsRead() throws IOException {
    Path in =
        write(
            file("intkeys.parquet"),
            "message spark_schema {\n"
                + "  required int64 id;\n"
                + "  optional group m (MAP) {\n"
                + "    repeated group key_value { required int32 key; optional binary value (STRING); }\n"
                + "  }\n"
                + "}",
            List.of(
                row -> row.append("id", 5L).addGroup("m").addGroup("key_value").append("key", 1)));

    List<GenericRecord> ids =
        ParquetFixtures.read(
            ParquetFixtures.wholeFile(in), ParquetScan.all().withColumns("id"), null);
    assertEquals(5L, ids.get(0).get("id"));

    CorruptFileException e = assertThrows(CorruptFileException.class, () -> readWithWeft(in));
    assertEquals(
        "Parquet file "
            + in
            + " has a column Weft cannot read: column m is a map with INT32 keys; Weft reads maps"
            + " whose keys are strings, as Avro maps have string keys",
        e.getMessage());
  }

  @Test
  public void columnWhoseNameAvroRefusesFailsInOneLineOnlyWhenItIsRead() throws IOException {
    Path in =
        write(
            file("names.parquet"),
            "message spark_schema { required int64 id; optional binary order-id (STRING); }",
            List.of(row -> row.append("id", 5L).append("order-id", "o-5")));

    List<GenericRecord> ids =
        ParquetFixtures.read(
            ParquetFixtures.wholeFile(in), ParquetScan.all().withColumns("id"), null);
    assertEquals(5L, ids.get(0).get("id"));
    assertNull(ids.get(0).getSchema().getObjectProp(ParquetToAvro.UNREADABLE_PROP));

    CorruptFileException e = assertThrows(CorruptFileException.class, () -> readWithWeft(in));
    assertEquals(
        "Parquet file "
            + in
            + " has a column Weft cannot read: column order-id has a name Avro does not allow"
            + " (names start with a letter or _ and hold only letters, digits and _): Illegal"
            + " character in: order-id",
        e.getMessage());
  }

  private File file(String name) {
    return new File(tmp.getRoot(), name);
  }

  private static List<String> strings(Object array) {
    List<String> strings = new ArrayList<>();
    for (Object value : (List<?>) array) {
      strings.add(value == null ? null : value.toString());
    }
    return strings;
  }

  private static List<String> names(GroupType group) {
    List<String> names = new ArrayList<>();
    for (Type field : group.getFields()) {
      names.add(field.getName());
    }
    return names;
  }
}
