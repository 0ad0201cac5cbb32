package dev.weft.sql.expr.arith;

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
import dev.weft.sql.types.DecimalType;
import java.math.BigDecimal;
import org.junit.Test;

public class ArithmeticTest {

  private static Expression d(String value, int p, int s) {
    return new Cast(lit(new BigDecimal(value)), DataTypes.createDecimalType(p, s));
  }

  @Test
  public void integralOverflowWrapsInTheOperandsType() {
    assertEquals(Integer.MIN_VALUE, eval(new Add(lit(Integer.MAX_VALUE), lit(1))));
    assertEquals(Long.MAX_VALUE, eval(new Subtract(lit(Long.MIN_VALUE), lit(1L))));
    assertEquals((byte) -128, eval(new Add(lit((byte) 127), lit((byte) 1))));
    assertEquals(-2147483648 * 2, eval(new Multiply(lit(-2147483648), lit(2))));
    assertEquals(Integer.MIN_VALUE, eval(new UnaryMinus(lit(Integer.MIN_VALUE))));
  }

  @Test
  public void nullInputGivesNull() {
    assertNull(eval(new Add(nul(DataTypes.IntegerType), lit(1))));
    assertNull(eval(new Divide(lit(1.0), nul(DataTypes.DoubleType))));
    assertNull(eval(new UnaryMinus(nul(DataTypes.IntegerType))));
  }

  @Test
  public void divisionIsFractionalAndNullForAZeroDivisor() {
    assertEquals(0.5, eval(new Divide(lit(1.0), lit(2.0))));
    assertNull(eval(new Divide(lit(1.0), lit(0.0))));
    assertNull(eval(new Divide(lit(1.0), lit(-0.0))));
    assertNull(eval(new Divide(d("1", 1, 0), d("0", 1, 0))));
    assertTrue(new Divide(lit(1.0), lit(2.0)).nullable());
    assertEquals(
        "(1 / 2) requires double or decimal operands, not int",
        new Divide(lit(1), lit(2)).checkInputTypes());
  }

  @Test
  public void remainderTakesTheDividendsSignAndPmodIsNonNegative() {
    assertEquals(-1, eval(new Remainder(lit(-7), lit(3))));
    assertEquals(1, eval(new Remainder(lit(7), lit(-3))));
    assertEquals(2, eval(new Pmod(lit(-7), lit(3))));
    assertNull(eval(new Remainder(lit(7), lit(0))));
    assertNull(eval(new Pmod(lit(7), lit(0))));
    assertEquals(-1.5, eval(new Remainder(lit(-7.5), lit(3.0))));
    assertEquals(dec("1.5"), eval(new Remainder(d("7.5", 2, 1), d("3", 1, 0))));
  }

  @Test
  public void integralDivisionTruncatesAndIsNullForZero() {
    assertEquals(-2L, eval(new IntegralDivide(lit(-7L), lit(3L))));
    assertNull(eval(new IntegralDivide(lit(7L), lit(0L))));
    assertEquals(Long.MIN_VALUE, eval(new IntegralDivide(lit(Long.MIN_VALUE), lit(-1L))));
    assertEquals(3L, eval(new IntegralDivide(d("7.5", 2, 1), d("2.1", 2, 1))));
  }

  @Test
  public void decimalResultTypesFollowSparksPrecisionRules() {
    DecimalType a = DataTypes.createDecimalType(10, 2);
    DecimalType b = DataTypes.createDecimalType(5, 3);
    assertEquals(DataTypes.createDecimalType(12, 3), DecimalPrecision.add(a, b));
    assertEquals(DataTypes.createDecimalType(16, 5), DecimalPrecision.multiply(a, b));
    // divide: scale max(6, s1 + p2 + 1) = 8, integral p1 - s1 + s2 = 11
    assertEquals(DataTypes.createDecimalType(19, 8), DecimalPrecision.divide(a, b));
    assertEquals(DataTypes.createDecimalType(5, 3), DecimalPrecision.remainder(a, b));
    // past 38 digits the integral digits are kept and at least 6 fractional ones
    DecimalType big = DataTypes.createDecimalType(38, 10);
    assertEquals(DataTypes.createDecimalType(38, 6), DecimalPrecision.multiply(big, big));
    assertEquals(DataTypes.createDecimalType(38, 9), DecimalPrecision.add(big, big));
    // divide: 28 integral digits and scale 31 need 59, cut to 38 keeping the 28: scale 10
    assertEquals(
        DataTypes.createDecimalType(38, 10),
        DecimalPrecision.divide(big, DataTypes.createDecimalType(20, 0)));
  }

  @Test
  public void decimalArithmeticIsExact() {
    Expression sum = new Add(d("0.1", 2, 1), d("0.2", 2, 1));
    assertEquals(DataTypes.createDecimalType(3, 1), sum.dataType());
    assertEquals(dec("0.3"), eval(sum));
    Expression product = new Multiply(d("1.25", 3, 2), d("-0.5", 2, 1));
    assertEquals(dec("-0.625"), eval(product));
    Expression q = new Divide(d("1", 1, 0), d("3", 1, 0));
    assertEquals(DataTypes.createDecimalType(7, 6), q.dataType());
    assertEquals(dec("0.333333"), eval(q));
    Expression twoThirds = new Divide(d("2", 1, 0), d("3", 1, 0));
    assertEquals(dec("0.666667"), eval(twoThirds)); // half up
  }

  @Test
  public void decimalOverflowIsNull() {
    String nines = "9".repeat(38);
    Expression max = d(nines, 38, 0);
    assertEquals(DataTypes.createDecimalType(38, 0), new Add(max, max).dataType());
    assertNull(eval(new Add(max, max)));
    assertNull(eval(new Multiply(max, d("2", 1, 0))));
    assertEquals(new BigDecimal(nines), eval(new Add(max, d("0", 1, 0))));
  }

  @Test
  public void floatArithmeticStaysFloatAndNaNPropagates() {
    assertEquals(0.3f, eval(new Add(lit(0.1f), lit(0.2f))));
    assertTrue(Double.isNaN((Double) eval(new Add(lit(Double.NaN), lit(1.0)))));
    assertEquals(Double.POSITIVE_INFINITY, eval(new Multiply(lit(1e308), lit(10.0))));
  }

  @Test
  public void typeChecksNameTheExpressionAndTypes() {
    assertEquals(
        "differing types in (1 + 2L): int and bigint", new Add(lit(1), lit(2L)).checkInputTypes());
    assertEquals(
        "('a' + 1) requires numeric operands, not string",
        new Add(lit("a"), lit(1)).checkInputTypes());
  }

  @Test
  public void sqlTextAsSpark() {
    assertEquals("(1 + 2)", new Add(lit(1), lit(2)).sql());
    assertEquals("(- 1)", new UnaryMinus(lit(1)).sql());
    assertEquals("pmod(1, 2)", new Pmod(lit(1), lit(2)).sql());
    assertEquals("(1L div 2L)", new IntegralDivide(lit(1L), lit(2L)).sql());
    assertEquals("(1 % 2)", new Remainder(lit(1), lit(2)).sql());
  }
}
