package dev.weft.sql;

import static dev.weft.sql.functions.col;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Struct fields, map values and array elements by name, on Parquet and Avro files. */
public class NestedFieldsTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final WeftSession session = TestSessions.shared();

  private static final StructType INNER =
      StructType.of(DataTypes.createStructField("c", DataTypes.StringType, true));

  private static final StructType S =
      StructType.of(
          DataTypes.createStructField("a", DataTypes.IntegerType, true),
          DataTypes.createStructField("b", INNER, true));

  private static final StructType SCHEMA =
      StructType.of(
          DataTypes.createStructField("id", DataTypes.IntegerType, false),
          DataTypes.createStructField("s", S, true),
          DataTypes.createStructField(
              "m", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType), true),
          DataTypes.createStructField(
              "arr", DataTypes.createArrayType(DataTypes.IntegerType), true));

  private DataFrame rows() {
    Map<String, Integer> m1 = new LinkedHashMap<>();
    m1.put("key", 10);
    Map<String, Integer> m2 = new LinkedHashMap<>();
    m2.put("other", 20);
    return session.createDataFrame(
        List.of(
            RowFactory.create(
                1, RowFactory.create(1, RowFactory.create("x")), m1, Arrays.asList(7, 8)),
            RowFactory.create(
                2, RowFactory.create(2, RowFactory.create("y")), m2, Arrays.asList(9)),
            RowFactory.create(3, null, null, null)),
        SCHEMA);
  }

  private DataFrame written(String format) {
    String path = tmp.getRoot() + "/" + format;
    rows().write().format(format).save(path);
    return session.read().format(format).load(path).orderBy("id");
  }

  @Test
  public void structFieldsByDottedNamesOnParquetAndAvro() {
    for (String format : List.of("parquet", "avro")) {
      DataFrame df = written(format);
      DataFrame a = df.select(col("s.a"));
      assertEquals(format, "a", a.schema().field(0).name());
      assertEquals(format, "[[1], [2], [null]]", a.collect().toString());
      assertEquals(format, "[[1], [2], [null]]", df.select("s.a").collect().toString());
      assertEquals(
          format, "[[x], [y], [null]]", df.select(functions.col("s.b.c")).collect().toString());
      assertEquals(format, "[[2]]", df.where(col("s.a").gt(1)).select("id").collect().toString());
      assertEquals(
          format,
          "[[1]]",
          df.where(df.col("s.b.c").equalTo("x")).select("id").collect().toString());
    }
  }

  @Test
  public void aStructFieldGroupsAndSortsLikeAColumn() {
    DataFrame grouped = rows().groupBy("s.b.c").count().orderBy("c");
    assertEquals("struct<c:string,count:bigint>", grouped.schema().simpleString());
    assertEquals("[[null,1], [x,1], [y,1]]", grouped.collect().toString());
    assertEquals(
        "[[2], [1], [3]]",
        rows().orderBy(col("s.a").desc_nulls_last()).select("id").collect().toString());
  }

  @Test
  public void getFieldGetItemAndApplyResolveByTheChildsType() {
    for (String format : List.of("parquet", "avro")) {
      DataFrame df = written(format);
      assertEquals(
          format,
          "[[10,10,1,7], [null,null,2,9], [null,null,null,null]]",
          df.select(
                  col("m").apply("key"),
                  col("m").getItem("key"),
                  col("s").getField("a"),
                  col("arr").getItem(0))
              .collect()
              .toString());
      assertEquals(
          format,
          "[[x], [y], [null]]",
          df.select(col("s").getField("b").apply("c")).collect().toString());
    }
  }

  @Test
  public void aBackquotedNameIsAColumnWithADotInItsName() {
    StructType schema =
        StructType.of(
            DataTypes.createStructField("s", S, true),
            DataTypes.createStructField("s.a", DataTypes.StringType, true));
    DataFrame df =
        session.createDataFrame(
            List.of(RowFactory.create(RowFactory.create(1, null), "literal")), schema);
    String path = tmp.getRoot() + "/dotted";
    df.write().parquet(path);
    DataFrame back = session.read().parquet(path);
    assertEquals("[[literal,1]]", back.select(col("`s.a`"), col("s.a")).collect().toString());
    assertEquals("s.a", back.select(col("`s.a`")).schema().field(0).name());
  }

  @Test
  public void anUnknownFieldFailsListingTheStructsFields() {
    DataFrame df = rows();
    AnalysisException e =
        assertThrows(AnalysisException.class, () -> df.select(col("s.z")).collect());
    assertEquals("No such struct field 'z' in s; available fields: a, b", e.getMessage());
    AnalysisException nested =
        assertThrows(AnalysisException.class, () -> df.select(col("s").getField("q")).collect());
    assertEquals("No such struct field 'q' in s; available fields: a, b", nested.getMessage());
    AnalysisException notStruct =
        assertThrows(AnalysisException.class, () -> df.select(col("id.x")).collect());
    assertEquals(
        "Cannot extract field 'x' from id of type int; only structs have fields",
        notStruct.getMessage());
  }
}
