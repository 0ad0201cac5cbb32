package dev.weft.sql.expr;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import dev.weft.sql.types.DataTypes;
import org.junit.Test;

public class ThreeValuedLogicTest {
  private static final Literal NULL_BOOL = Literal.nullOf(DataTypes.BooleanType);
  private static final InternalRow EMPTY = new InternalRow();

  @Test
  public void andIsFalseWhenEitherSideIsFalseEvenWithNull() {
    assertEquals(false, new And(NULL_BOOL, Literal.FALSE).eval(EMPTY));
    assertEquals(false, new And(Literal.FALSE, NULL_BOOL).eval(EMPTY));
    assertNull(new And(NULL_BOOL, Literal.TRUE).eval(EMPTY));
    assertEquals(true, new And(Literal.TRUE, Literal.TRUE).eval(EMPTY));
  }

  @Test
  public void orIsTrueWhenEitherSideIsTrueEvenWithNull() {
    assertEquals(true, new Or(NULL_BOOL, Literal.TRUE).eval(EMPTY));
    assertNull(new Or(NULL_BOOL, Literal.FALSE).eval(EMPTY));
    assertEquals(false, new Or(Literal.FALSE, Literal.FALSE).eval(EMPTY));
  }

  @Test
  public void comparisonsWithNullAreNullButNullSafeEqualityIsNot() {
    Literal nullInt = Literal.nullOf(DataTypes.IntegerType);
    assertNull(new EqualTo(nullInt, Literal.of(1)).eval(EMPTY));
    assertNull(new Not(new EqualTo(nullInt, Literal.of(1))).eval(EMPTY));
    assertEquals(true, new EqualNullSafe(nullInt, nullInt).eval(EMPTY));
    assertEquals(false, new EqualNullSafe(nullInt, Literal.of(1)).eval(EMPTY));
  }

  @Test
  public void doublesOrderNaNLastAndNegativeZeroEqualToZero() {
    assertEquals(true, new EqualTo(Literal.of(-0.0), Literal.of(0.0)).eval(EMPTY));
    assertEquals(true, new EqualTo(Literal.of(Double.NaN), Literal.of(Double.NaN)).eval(EMPTY));
    assertEquals(
        true,
        new GreaterThan(Literal.of(Double.NaN), Literal.of(Double.POSITIVE_INFINITY)).eval(EMPTY));
  }

  @Test
  public void stringsCompareByCodePoint() {
    // U+FF5E (BMP, above the surrogates) sorts before U+1F600 (a surrogate pair) by code point,
    // though Java's String.compareTo puts it after.
    assertEquals(true, new LessThan(Literal.of("\uFF5E"), Literal.of("\uD83D\uDE00")).eval(EMPTY));
  }
}
