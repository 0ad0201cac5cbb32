package dev.weft.sql;

import static dev.weft.sql.functions.col;
import static dev.weft.sql.functions.lit;
import static dev.weft.sql.functions.when;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class ColumnExpressionApiTest {

  @Test
  public void operatorsBuildSparkLikeSql() {
    assertEquals("(a + 1)", col("a").plus(1).toString());
    assertEquals("((a - b) * 2)", col("a").minus(col("b")).multiply(2).toString());
    assertEquals("(a / 2)", col("a").divide(2).toString());
    assertEquals("(a % 2)", col("a").mod(2).toString());
    assertEquals("(- a)", col("a").unary_minus().toString());
    assertEquals("(a IN (1, 2, 'x'))", col("a").isin(1, 2, "x").toString());
    assertEquals("name LIKE 'J%'", col("name").like("J%").toString());
    assertEquals("substring(name, 1, 3)", col("name").substr(1, 3).toString());
    assertEquals("CAST(a AS DECIMAL(12,2))", col("a").cast("decimal(12,2)").toString());
    assertEquals("((a >= 1) AND (a <= 5))", col("a").between(1, 5).toString());
  }

  @Test
  public void whenOtherwiseBuildsOneCase() {
    Column c = when(col("a").gt(1), "big").when(col("a").gt(0), "small").otherwise("none");
    assertEquals(
        "CASE WHEN (a > 1) THEN 'big' WHEN (a > 0) THEN 'small' ELSE 'none' END", c.toString());
  }

  @Test
  public void whenAndOtherwiseRefuseMisuse() {
    assertThrows(IllegalArgumentException.class, () -> col("a").when(lit(true), 1));
    assertThrows(IllegalArgumentException.class, () -> col("a").otherwise(1));
    Column done = when(lit(true), 1).otherwise(2);
    assertThrows(IllegalArgumentException.class, () -> done.otherwise(3));
    assertThrows(IllegalArgumentException.class, () -> done.when(lit(true), 3));
  }

  @Test
  public void functionsAreNamedAsSparksInSql() {
    assertEquals("sum(x)", functions.sum("x").toString());
    assertEquals("count(DISTINCT x, y)", functions.countDistinct("x", "y").toString());
    assertEquals("collect_list(x)", functions.collect_list(col("x")).toString());
    assertEquals("upper(x)", functions.upper(col("x")).toString());
    assertEquals(
        "regexp_extract(x, 'a(b)', 1)", functions.regexp_extract(col("x"), "a(b)", 1).toString());
    assertEquals("date_format(t, 'yyyy')", functions.date_format(col("t"), "yyyy").toString());
    assertEquals("coalesce(a, b)", functions.coalesce(col("a"), col("b")).toString());
    assertEquals("current_date()", functions.current_date().toString());
    assertEquals("round(x, 2)", functions.round(col("x"), 2).toString());
    assertEquals("concat_ws('-', a, b)", functions.concat_ws("-", col("a"), col("b")).toString());
  }
}
