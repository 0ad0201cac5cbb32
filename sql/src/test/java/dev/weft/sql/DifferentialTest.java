package dev.weft.sql;

import static org.junit.Assert.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Differential tests: every query shape of {@link QueryShapes} runs as a DataFrame on Weft and as
 * SQL on DuckDB over the same generated tables; the results must be equal as multisets (as lists
 * where the query orders by a total order). Numbers compare by value (doubles to 10 significant
 * digits, as summation order differs), dates as dates.
 */
@RunWith(Parameterized.class)
public class DifferentialTest {
  private static DifferentialTables tables;
  private static Connection duck;

  @Parameterized.Parameters(name = "{0}")
  public static Collection<Object[]> shapes() {
    List<Object[]> out = new ArrayList<>();
    for (QueryShapes.Shape s : QueryShapes.all()) {
      out.add(new Object[] {s});
    }
    return out;
  }

  private final QueryShapes.Shape shape;

  public DifferentialTest(QueryShapes.Shape shape) {
    this.shape = shape;
  }

  @BeforeClass
  public static void load() throws Exception {
    tables = new DifferentialTables(TestSessions.shared(), 20261207L);
    duck = DriverManager.getConnection("jdbc:duckdb:");
    tables.load(duck);
  }

  @AfterClass
  public static void close() throws Exception {
    if (duck != null) {
      duck.close();
    }
  }

  @Test
  public void weftAgreesWithDuckDb() throws Exception {
    check(shape, tables, duck);
  }

  /** Runs a shape on Weft and on DuckDB and compares the results. */
  static void check(QueryShapes.Shape shape, DifferentialTables tables, Connection duck)
      throws Exception {
    List<String> weft = new ArrayList<>();
    for (Row r : shape.df().apply(tables).collect()) {
      weft.add(normalize(r.values()));
    }
    List<String> expected = new ArrayList<>();
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(shape.sql())) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Object[] values = new Object[md.getColumnCount()];
        for (int i = 0; i < values.length; i++) {
          values[i] = rs.getObject(i + 1);
        }
        expected.add(normalize(values));
      }
    }
    if (!shape.ordered()) {
      weft.sort(null);
      expected.sort(null);
    }
    assertEquals(
        shape.name() + "\n" + shape.sql(), String.join("\n", expected), String.join("\n", weft));
  }

  private static String normalize(Object[] values) {
    List<String> out = new ArrayList<>();
    for (Object v : values) {
      out.add(normalize(v));
    }
    return out.toString();
  }

  private static String normalize(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return d == 0
          ? "0"
          : new BigDecimal(d).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte
        || v instanceof BigInteger) {
      return new BigDecimal(v.toString()).toPlainString();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    return v.toString();
  }
}
