package dev.weft.sql.expr;

import dev.weft.sql.types.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Test helpers: literals and evaluation without input. */
public final class Exprs {
  private Exprs() {}

  public static final InternalRow EMPTY = new InternalRow();

  public static Literal lit(Object v) {
    return Literal.of(v);
  }

  public static Literal nul(DataType t) {
    return Literal.nullOf(t);
  }

  public static Object eval(Expression e) {
    String error = e.checkInputTypes();
    if (error != null) {
      throw new AssertionError("type check failed: " + error);
    }
    return e.eval(EMPTY);
  }

  public static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  public static int days(String isoDate) {
    return (int) LocalDate.parse(isoDate).toEpochDay();
  }
}
