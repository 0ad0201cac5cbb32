package dev.weft.hdfs.parquet;

import static dev.weft.hdfs.parquet.ParquetPredicate.col;
import static dev.weft.hdfs.parquet.ParquetPredicate.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import dev.weft.hdfs.CorruptFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Set;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.Test;

/**
 * Specification of {@link ParquetPredicate}: building, printing, shipping and binding to a file.
 */
public class ParquetPredicateTest {
  private static final String FILE = "hdfs://nn/data/part-00000.parquet";
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message customer {"
              + " required int64 id; required int32 age; optional binary name (STRING);"
              + " required float ratio; required double score; required boolean active;"
              + " optional fixed_len_byte_array(4) price (DECIMAL(9,2));"
              + " repeated binary tags (STRING);"
              + " optional group address { required binary city (STRING); required int32 zip; }"
              + " }");

  @Test
  public void printsAsReadableExpression() {
    ParquetPredicate p =
        col("age")
            .gt(25)
            .and(col("name").eq("o'hara").or(col("id").in(1L, 2L)))
            .and(not(col("address.city").isNull()));

    assertEquals(
        "((age > 25 AND (name = 'o''hara' OR id IN (1L, 2L))) AND NOT address.city IS NULL)",
        p.toString());
    assertEquals(Set.of("age", "name", "id", "address.city"), p.columns());
  }

  @Test
  public void survivesJavaSerialization() throws Exception {
    ParquetPredicate p =
        col("score").ltEq(1.5).or(col("active").eq(true)).and(col("name").eq(new byte[] {1, 2}));

    assertEquals(p, roundTrip(p));
  }

  @Test
  public void intLiteralBindsToLongColumnAndLongLiteralToIntColumn() {
    assertEquals(FilterApi.gt(FilterApi.longColumn("id"), 25L), bind(col("id").gt(25)));
    assertEquals(FilterApi.eq(FilterApi.intColumn("age"), 40), bind(col("age").eq(40L)));
    assertEquals(FilterApi.lt(FilterApi.doubleColumn("score"), 3.0), bind(col("score").lt(3)));
    assertEquals(FilterApi.lt(FilterApi.floatColumn("ratio"), 0.5f), bind(col("ratio").lt(0.5)));
  }

  @Test
  public void nestedFieldsAreAddressedByDottedPath() {
    assertEquals(
        FilterApi.ltEq(FilterApi.intColumn("address.zip"), 10_100),
        bind(col("address.zip").ltEq(10_100)));
  }

  @Test
  public void nullTestsBindToComparisonsWithNull() {
    assertEquals(FilterApi.eq(FilterApi.binaryColumn("name"), null), bind(col("name").isNull()));
    assertEquals(FilterApi.notEq(FilterApi.longColumn("id"), null), bind(col("id").isNotNull()));
  }

  @Test
  public void literalThatCannotMatchTheColumnTypeIsOneLineNamingFileColumnAndTypes() {
    assertBindError(
        col("age").eq("forty"),
        "Cannot filter Parquet file "
            + FILE
            + " on column age of type INT32: the string literal 'forty' cannot be compared with"
            + " it");
    assertBindError(
        col("age").gt(5_000_000_000L),
        "Cannot filter Parquet file "
            + FILE
            + " on column age of type INT32: the long literal 5000000000L cannot be compared with"
            + " it");
    assertBindError(
        col("ratio").eq(0.1),
        "Cannot filter Parquet file "
            + FILE
            + " on column ratio of type FLOAT: the double literal 0.1 cannot be compared with it");
    assertBindError(
        col("price").gt(3),
        "Cannot filter Parquet file "
            + FILE
            + " on column price of type FIXED_LEN_BYTE_ARRAY (DECIMAL(9,2)): decimal columns"
            + " cannot be filtered on");
    assertBindError(
        col("tags").eq("x"),
        "Cannot filter Parquet file "
            + FILE
            + " on column tags of type BINARY (STRING): repeated columns cannot be filtered on");
    assertBindError(
        col("address").isNull(),
        "Cannot filter Parquet file "
            + FILE
            + " on column address of type group: it is a group; filter on one of its primitive"
            + " fields");
  }

  @Test
  public void columnMissingFromTheFileIsOneLineListingItsColumns() {
    assertBindError(
        col("address.country").eq("DE"),
        "Parquet file "
            + FILE
            + " has no column address.country to filter on; its columns are [id, age, name,"
            + " ratio, score, active, price, tags, address.city, address.zip]");
  }

  @Test
  public void invalidPredicatesAreRefusedWhenBuilt() {
    assertEquals(
        "Column active: booleans can be compared with = and != only, not <",
        assertThrows(IllegalArgumentException.class, () -> col("active").lt(true)).getMessage());
    assertEquals(
        "Column id: unsupported literal type java.math.BigDecimal (supported: int, long, float,"
            + " double, boolean, String, byte[])",
        assertThrows(IllegalArgumentException.class, () -> col("id").eq(java.math.BigDecimal.ONE))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> col("id").eq(null));
    assertThrows(IllegalArgumentException.class, () -> col("id").in());
    assertThrows(IllegalArgumentException.class, () -> col("a..b"));
  }

  private static FilterPredicate bind(ParquetPredicate predicate) {
    return predicate.toFilter(SCHEMA, FILE);
  }

  private static void assertBindError(ParquetPredicate predicate, String message) {
    CorruptFileException e = assertThrows(CorruptFileException.class, () -> bind(predicate));
    assertEquals(message, e.getMessage());
    assertEquals(FILE, e.path());
    assertFalse("a mismatch is not damage: skipping would drop every such file", e.skippable());
  }

  private static Object roundTrip(Object object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }
}
