package dev.weft.sql.expr.math;

import static dev.weft.sql.expr.Exprs.dec;
import static dev.weft.sql.expr.Exprs.eval;
import static dev.weft.sql.expr.Exprs.lit;
import static dev.weft.sql.expr.Exprs.nul;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import dev.weft.sql.expr.Cast;
import dev.weft.sql.expr.Expression;
import dev.weft.sql.types.DataTypes;
import java.math.BigDecimal;
import java.util.List;
import org.junit.Test;

public class MathFunctionsTest {

  private static Expression d(String v, int p, int s) {
    return new Cast(lit(new BigDecimal(v)), DataTypes.createDecimalType(p, s));
  }

  @Test
  public void absWrapsAtTheSmallestIntegral() {
    assertEquals(5, eval(new Abs(lit(-5))));
    assertEquals(Integer.MIN_VALUE, eval(new Abs(lit(Integer.MIN_VALUE))));
    assertEquals(dec("1.50"), eval(new Abs(d("-1.50", 3, 2))));
    assertEquals(0.0, eval(new Abs(lit(-0.0))));
  }

  @Test
  public void roundIsHalfUpAndBroundHalfEven() {
    assertEquals(3.0, eval(new Round(lit(2.5), lit(0))));
    assertEquals(-3.0, eval(new Round(lit(-2.5), lit(0))));
    assertEquals(2.0, eval(new Round(lit(2.5), lit(0), true)));
    assertEquals(2.68, eval(new Round(lit(2.675), lit(2)))); // by its decimal text, as Spark
    assertEquals(1200.0, eval(new Round(lit(1234.5), lit(-2))));
    assertEquals(20, eval(new Round(lit(15), lit(-1))));
    assertEquals(15, eval(new Round(lit(15), lit(2))));
    assertTrue(Double.isNaN((Double) eval(new Round(lit(Double.NaN), lit(2)))));
    assertNull(eval(new Round(nul(DataTypes.DoubleType), lit(2))));
  }

  @Test
  public void roundOfDecimalsNarrowsTheType() {
    Expression r = new Round(d("123.456", 6, 3), lit(1));
    assertEquals(DataTypes.createDecimalType(5, 1), r.dataType());
    assertEquals(dec("123.5"), eval(r));
    Expression up = new Round(d("999.95", 5, 2), lit(1));
    assertEquals(dec("1000.0"), eval(up)); // the extra integral digit fits
    Expression neg = new Round(d("155", 3, 0), lit(-1));
    assertEquals(DataTypes.createDecimalType(4, 0), neg.dataType());
    assertEquals(dec("160"), eval(neg));
  }

  @Test
  public void floorAndCeilGiveBigintsOrDecimals() {
    assertEquals(-3L, eval(new FloorCeil(lit(-2.5), false)));
    assertEquals(-2L, eval(new FloorCeil(lit(-2.5), true)));
    assertEquals(Long.MAX_VALUE, eval(new FloorCeil(lit(1e300), true)));
    Expression c = new FloorCeil(d("9.1", 2, 1), true);
    assertEquals(DataTypes.createDecimalType(2, 0), c.dataType());
    assertEquals(dec("10"), eval(c));
    assertEquals(DataTypes.LongType, new FloorCeil(lit(1L), false).dataType());
  }

  @Test
  public void powerRootsAndLogarithms() {
    assertEquals(8.0, eval(new Pow(lit(2.0), lit(3.0))));
    assertEquals(3.0, eval(new MathFunction(lit(9.0), MathFunction.Op.SQRT)));
    assertTrue(Double.isNaN((Double) eval(new MathFunction(lit(-1.0), MathFunction.Op.SQRT))));
    assertNull(eval(new MathFunction(lit(0.0), MathFunction.Op.LN)));
    assertNull(eval(new MathFunction(lit(-1.0), MathFunction.Op.LOG10)));
    assertEquals(3.0, eval(new MathFunction(lit(8.0), MathFunction.Op.LOG2)));
    assertEquals(1.0, eval(new MathFunction(lit(0.0), MathFunction.Op.EXP)));
    assertEquals("power(2.0, 3.0)", new Pow(lit(2.0), lit(3.0)).sql());
  }

  @Test
  public void greatestAndLeastSkipNulls() {
    Expression nullInt = nul(DataTypes.IntegerType);
    assertEquals(3, eval(new GreatestLeast(List.of(lit(1), nullInt, lit(3)), true)));
    assertEquals(1, eval(new GreatestLeast(List.of(lit(1), nullInt, lit(3)), false)));
    assertNull(eval(new GreatestLeast(List.of(nullInt, nullInt), true)));
    assertEquals(Double.NaN, eval(new GreatestLeast(List.of(lit(1.0), lit(Double.NaN)), true)));
  }
}
